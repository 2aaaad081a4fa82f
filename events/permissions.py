"""Who may plan programme events: the core team."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, is_core_team


def can_manage_events(user) -> Verdict:
    if is_core_team(user):
        return ALLOWED
    return deny(_("Only core team members can plan programme events."))
