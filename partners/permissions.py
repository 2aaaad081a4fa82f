"""Who may change a related programme (the team lead of its team), and who sees contact
persons."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, has_any_role
from teams.permissions import can_edit_team_content


def can_edit_related_programme(user, related_programme) -> Verdict:
    return can_edit_team_content(user, related_programme.team)


def teams_with_editable_related_programmes(user, teams) -> set[int]:
    """The keys of the teams whose related programmes the user may change: the rule asked
    once per team (a list shows the edit link of a row when its team is in the set)."""
    return {team.pk for team in teams if can_edit_team_content(user, team)}


def can_see_contacts(user) -> Verdict:
    """Contact persons (names, e-mail addresses) only for logged-in users with a role; the
    pages need that already, this keeps the contacts out of a page that someday does not."""
    if has_any_role(user):
        return ALLOWED
    return deny(_("Only logged-in users of the portal see contact persons."))
