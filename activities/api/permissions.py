from django.utils.translation import gettext_lazy as _

from citydeal.api.permissions import RulePermission, for_writes
from citydeal.permissions import ALLOWED, Verdict, can_edit_activity, led_team_ids


def leads_a_team(user) -> Verdict:
    """Before the body is read: only a team lead can add an activity to any team at all.
    Which team is then the service's rule (``can_add_activity``)."""
    if led_team_ids(user):
        return ALLOWED
    return Verdict(False, str(_("Only team leads can add activities, to their own team.")))


class ActivityPermission(RulePermission):
    """Everyone with a role reads activities; a team lead adds and changes the own team's."""

    action_rules = for_writes(leads_a_team, "create")
    object_rules = for_writes(can_edit_activity, "update", "partial_update")
