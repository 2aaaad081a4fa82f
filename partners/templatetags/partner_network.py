"""The line of the partner network: "Deltares werkt met OT1, OT3 en OT5", each team linked."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

register = template.Library()


def _team_link(team) -> SafeString:
    return format_html('<a href="{}">{}</a>', reverse("team-detail", args=[team.number]), team.code)


def team_links(teams) -> SafeString:
    """The teams' codes as links, joined as a sentence: "OT1, OT3 and OT5"."""
    links = [_team_link(team) for team in teams]
    if len(links) < 2:
        return mark_safe("".join(links))
    last = pgettext("the last item of a list", "and")
    return format_html("{} {} {}", mark_safe(", ".join(links[:-1])), last, links[-1])


@register.simple_tag
def works_with(organisation, teams, link: bool = True) -> SafeString:
    """The organisation (linked to its page, unless ``link`` is false) and the teams it
    works with, as one sentence."""
    name = (
        format_html(
            '<a href="{}">{}</a>',
            reverse("organisation-detail", args=[organisation.pk]),
            organisation.name,
        )
        if link
        else escape(organisation.name)
    )
    if not teams:
        sentence = gettext("%(organisation)s works with no team yet")
        return mark_safe(escape(sentence) % {"organisation": name})
    sentence = gettext("%(organisation)s works with %(teams)s")
    return mark_safe(escape(sentence) % {"organisation": name, "teams": team_links(teams)})
