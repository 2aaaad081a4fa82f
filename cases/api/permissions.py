from cases.permissions import can_edit_case
from citydeal.api.permissions import RulePermission, for_writes


class CasePermission(RulePermission):
    """Everyone with a role reads the cases; a case owner changes the own case."""

    object_rules = for_writes(can_edit_case, "update", "partial_update")
