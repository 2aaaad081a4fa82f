"""Who may read the directors' update and take its snapshots: its rules, each with the
reason a refusal shows.

Directors read the update; the core team prepares it and freezes the state for a meeting.
The functional admin reads snapshots in the admin (it reads everything there), as it
reads spending there, not on the pages: like the approval queue, the update is for the
core team and directors.
"""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, is_core_team, is_director


def can_view_dashboard(user) -> Verdict:
    """The dashboard: the directors, whose update it is, and the core team that prepares it."""
    if is_director(user) or is_core_team(user):
        return ALLOWED
    return deny(_("Only directors and the core team can see the dashboard."))


def can_view_snapshots(user) -> Verdict:
    """The snapshots and what changed between them: the core team and directors."""
    if is_core_team(user) or is_director(user):
        return ALLOWED
    return deny(_("Only the core team and directors can see the snapshots of the update."))


def can_take_snapshot(user) -> Verdict:
    """Freeze the programme's state for a meeting: core team members only."""
    if is_core_team(user):
        return ALLOWED
    return deny(_("Only core team members can take a snapshot."))
