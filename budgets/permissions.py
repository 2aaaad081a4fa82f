"""Who may set budget lines, the budget space and decisions: the core team."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, is_core_team


def can_manage_budget(user) -> Verdict:
    """Set budget lines and the budget space: the core team only."""
    if is_core_team(user):
        return ALLOWED
    return deny(_("Only core team members can change budget lines and the budget space."))


def can_manage_decisions(user) -> Verdict:
    if is_core_team(user):
        return ALLOWED
    return deny(_("Only core team members can record decisions."))
