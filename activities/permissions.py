"""Who may add, change and remove activities: the team lead of the activity's team; a
planning imported from a spreadsheet and a removal also the core team."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, is_core_team, led_team_ids
from teams.permissions import can_edit_team_content, leads_team


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


def _lead_or_core_team(user, team, reason) -> Verdict:
    if leads_team(user, team) or is_core_team(user):
        return ALLOWED
    return deny(reason)


def can_import_planning(user, team) -> Verdict:
    """Replace a team's planning by a spreadsheet: its team lead, and the core team, which
    keeps the programme's planning as a whole."""
    return _lead_or_core_team(
        user,
        team,
        _("Only the team lead of %(team)s and the core team can import its planning.")
        % {"team": team},
    )


def can_delete_activity(user, activity) -> Verdict:
    """Remove an activity from the planning: the team lead of its team, and the core team.
    Whether something still refers to it is the service's check, not a rule of roles."""
    return _lead_or_core_team(
        user,
        activity.team,
        _("Only the team lead of %(team)s and the core team can remove its activities.")
        % {"team": activity.team},
    )
