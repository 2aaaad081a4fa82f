from activities.permissions import can_edit_activity, leads_a_team
from citydeal.api.permissions import RulePermission, for_writes


class ActivityPermission(RulePermission):
    """Everyone with a role reads activities; a team lead adds and changes the own team's."""

    action_rules = for_writes(leads_a_team, "create")
    object_rules = for_writes(can_edit_activity, "update", "partial_update")
