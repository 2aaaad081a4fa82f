"""Who may read the directors' update: its rules, each with the reason a refusal shows."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, is_core_team, is_director


def can_view_dashboard(user) -> Verdict:
    """The dashboard: the directors, whose update it is, and the core team that prepares it."""
    if is_director(user) or is_core_team(user):
        return ALLOWED
    return deny(_("Only directors and the core team can see the dashboard."))
