from budgets.permissions import can_manage_budget, can_manage_decisions
from citydeal.api.permissions import RulePermission, for_writes


class BudgetPeriodPermission(RulePermission):
    """Everyone with a role reads the periods; they are reference data (the admin's)."""


class BudgetLinePermission(RulePermission):
    """Everyone with a role reads budget lines; the core team changes them."""

    action_rules = for_writes(can_manage_budget)


class BudgetSpacePermission(RulePermission):
    """Everyone with a role reads the budget space; the core team changes it."""

    action_rules = for_writes(can_manage_budget)


class DecisionPermission(RulePermission):
    """Everyone with a role reads the decisions; the core team records them."""

    action_rules = for_writes(can_manage_decisions)
