"""Who may add and change activities: the team lead of the activity's team."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, led_team_ids
from teams.permissions import can_edit_team_content


def leads_a_team(user) -> Verdict:
    """Before the body is read: only a team lead can add an activity to any team at all.
    Which team is then the service's rule (``can_add_activity``)."""
    if led_team_ids(user):
        return ALLOWED
    return deny(_("Only team leads can add activities, to their own team."))


def can_add_activity(user, team) -> Verdict:
    return can_edit_team_content(user, team)


def can_edit_activity(user, activity) -> Verdict:
    return can_edit_team_content(user, activity.team)
