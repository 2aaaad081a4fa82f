"""Who may change a related programme: the team lead of its team."""

from citydeal.verdicts import Verdict
from teams.permissions import can_edit_team_content


def can_edit_related_programme(user, related_programme) -> Verdict:
    return can_edit_team_content(user, related_programme.team)


def editable_related_programmes(user, rows) -> set[int]:
    """The keys of the rows the user may change: their edit links on a page."""
    return {row.pk for row in rows if can_edit_related_programme(user, row)}
