"""Who may use the spending endpoints: the rules of the spending pages.

The list and the detail are for those who may see the spending pages (the core team,
directors and team leads), and only the requests ``can_view_spending`` lets them see
(``spending_requests_visible``, the selector the pages use). Each step asks the rule
the service asks first; whether the request's state allows the step is the table's
business and answers 409, after the rule.
"""

from citydeal.api.permissions import RulePermission
from spending.constants import SpendingAction
from spending.permissions import (
    STEP_RULES,
    can_change_spending,
    can_create_spending,
    can_view_spending,
    can_view_spending_pages,
)


class SpendingRequestPermission(RulePermission):
    read_rule = staticmethod(can_view_spending_pages)
    action_rules = {"create": can_create_spending}
    object_rules = {
        "retrieve": can_view_spending,
        "update": can_change_spending,
        "partial_update": can_change_spending,
        # The viewset's method for "return" is return_ (a Python keyword otherwise).
        **{
            f"{action.value}_" if action == SpendingAction.RETURN else action.value: rule
            for action, rule in STEP_RULES.items()
        },
    }
