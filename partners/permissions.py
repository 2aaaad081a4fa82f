"""Who may change a related programme: the team lead of its team."""

from citydeal.verdicts import Verdict
from teams.permissions import can_edit_team_content


def can_edit_related_programme(user, related_programme) -> Verdict:
    return can_edit_team_content(user, related_programme.team)


def teams_with_editable_related_programmes(user, teams) -> set[int]:
    """The keys of the teams whose related programmes the user may change: the rule asked
    once per team (a list shows the edit link of a row when its team is in the set)."""
    return {team.pk for team in teams if can_edit_team_content(user, team)}
