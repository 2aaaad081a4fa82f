from citydeal.api.permissions import RulePermission, for_writes
from teams.permissions import can_edit_goal


class TeamPermission(RulePermission):
    """Everyone with a portal role reads the teams; nobody changes them through the API."""


class GoalPermission(RulePermission):
    """Everyone with a role reads goals; the team lead of the goal's team changes them."""

    object_rules = for_writes(can_edit_goal, "update", "partial_update")
