from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citydeal.forms import SearchField, form_page
from citydeal.history import history_timeline_for
from citydeal.paging import page_from_request
from citydeal.services import ensure_allowed
from partners.forms import RelatedProgrammeForm
from partners.permissions import (
    can_edit_related_programme,
    can_see_contacts,
    teams_with_editable_related_programmes,
)
from partners.selectors import (
    SEARCH_MIN_LENGTH,
    organisation_contacts,
    organisation_get,
    organisation_related_programmes,
    organisation_rows,
    organisation_teams,
    partner_search,
    related_programme_get,
    related_programme_rows,
    search_is_long_enough,
    teams_of,
)
from partners.services import related_programme_update
from teams.models import Team
from teams.selectors import programme_current


class PartnerFilterForm(forms.Form):
    """Narrow the partner list to one team and search it; a plain GET form that works
    without JavaScript. An invalid value is shown and left out."""

    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    search = SearchField(label=_("Search in programme, subject and partner"))

    def __init__(self, *args, teams: list[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.number, str(team)) for team in teams
        ]


def partner_list_view(request):
    """The related programmes of every team (or one), 50 a page, grouped by team."""
    programme = programme_current()
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    form = PartnerFilterForm(request.GET, teams=teams)
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    filters = getattr(form, "cleaned_data", {})
    number, search = filters.get("team"), filters.get("search", "")
    selected = next((team for team in teams if team.number == number), None)
    page = page_from_request(
        request, related_programme_rows(programme=programme, team_number=number, search=search)
    )
    return render(
        request,
        "partners/partner_list.html",
        {
            "programme": programme,
            "form": form,
            "selected_team": selected,
            "filtered": bool(selected or search),
            "page": page,
            "rows": page.object_list,
            # The rule asked once per team, not once per row.
            "editable_teams": teams_with_editable_related_programmes(request.user, teams),
        },
    )


def related_programme_detail_view(request, pk: int):
    programme = programme_current()
    row = related_programme_get(programme=programme, pk=pk)
    return render(
        request,
        "partners/related_programme_detail.html",
        {
            "programme": programme,
            "row": row,
            "can_edit": bool(can_edit_related_programme(request.user, row)),
            "timeline": history_timeline_for(request.user, row),
        },
    )


def related_programme_edit_view(request, pk: int):
    programme = programme_current()
    row = related_programme_get(programme=programme, pk=pk)
    ensure_allowed(can_edit_related_programme(request.user, row))
    form = RelatedProgrammeForm(request.POST if request.method == "POST" else None, instance=row)
    back_url = reverse("related-programme-detail", args=[row.pk])
    return form_page(
        request,
        form,
        lambda data: related_programme_update(related_programme=row, by=request.user, **data),
        saved_message=gettext("The related programme has been saved."),
        title=lambda: gettext("Edit related programme: %(name)s") % {"name": row.display_name},
        back_url=back_url,
        back_label=gettext("Back to the related programme"),
        submit_label=gettext("Save related programme"),
    )


# -- the partner network: organisations, and one search ------------------------------------


class OrganisationFilterForm(forms.Form):
    search = SearchField(label=_("Search organisations by name"))


def organisation_list_view(request):
    """Every organisation with the teams it works with, one line each, 50 a page."""
    programme = programme_current()
    form = OrganisationFilterForm(request.GET)
    form.is_valid()  # an invalid search is shown and left out
    search = getattr(form, "cleaned_data", {}).get("search", "")
    page = page_from_request(request, organisation_rows(search=search))
    organisations = list(page.object_list)
    teams = organisation_teams(programme=programme, organisations=organisations)
    return render(
        request,
        "partners/organisation_list.html",
        {
            "programme": programme,
            "form": form,
            "filtered": bool(search),
            "page": page,
            "lines": [(organisation, teams[organisation.pk]) for organisation in organisations],
        },
    )


def organisation_detail_view(request, pk: int):
    """An organisation: the teams it works with, its related programmes, its contacts."""
    programme = programme_current()
    organisation = organisation_get(pk=pk)
    rows = organisation_related_programmes(programme=programme, organisation=organisation)
    show_contacts = bool(can_see_contacts(request.user))
    contacts = (
        organisation_contacts(programme=programme, organisation=organisation)
        if show_contacts
        else []
    )
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "programme": programme,
            "organisation": organisation,
            "teams": teams_of(rows),
            "rows": rows,
            "show_contacts": show_contacts,
            "contacts": contacts,
        },
    )


class PartnerSearchForm(forms.Form):
    q = SearchField(label=_("Search teams, related programmes, organisations and contacts"))


def partner_search_view(request):
    """One search box for the partner network; the hits grouped by kind, the first ten of
    each. A search that is empty, too short or invalid says what to type instead."""
    programme = programme_current()
    form = PartnerSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    result = None
    if search_is_long_enough(query):
        result = partner_search(
            programme=programme,
            query=query,
            with_contacts=bool(can_see_contacts(request.user)),
        )
    return render(
        request,
        "partners/partner_search.html",
        {
            "programme": programme,
            "form": form,
            "query": query,
            "min_length": SEARCH_MIN_LENGTH,
            "result": result,
        },
    )
