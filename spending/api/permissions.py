"""Who may use the spending endpoints: the rules of the spending pages.

The list and the detail are for those who may see the spending pages (the core team,
directors and team leads), and only the requests ``can_view_spending`` lets them see
(``spending_requests_visible``, the selector the pages use). Each step asks the rule
the service asks first; whether the request's state allows the step is the table's
business and answers 409, after the rule.
"""

from django.utils.translation import gettext_lazy as _

from citydeal.api.permissions import RulePermission
from citydeal.permissions import (
    ALLOWED,
    Verdict,
    can_decide_spending,
    can_edit_spending,
    can_realise_spending,
    can_submit_spending_request,
    can_view_spending,
    can_view_spending_pages,
    can_withdraw_spending,
    is_core_team,
    led_team_ids,
)
from spending.constants import SpendingAction, target_state


def can_create_spending(user) -> Verdict:
    """Before the body is read: only team leads and core team members ask for money at
    all (the spending page's check); the line is then the service's rule."""
    if is_core_team(user) or led_team_ids(user):
        return ALLOWED
    return Verdict(
        False, str(_("Only team leads and core team members can submit spending requests."))
    )


def can_change_spending(user, req) -> Verdict:
    """``can_edit_spending``, except that its creator passes whatever the state: a request
    that is no longer a draft is then refused by the service as a conflict (409)."""
    verdict = can_edit_spending(user, req)
    if not verdict and req.created_by_id == user.pk and not req.editable:
        return ALLOWED
    return verdict


STEP_RULES = {
    SpendingAction.SUBMIT: can_submit_spending_request,
    SpendingAction.APPROVE: can_decide_spending,
    SpendingAction.REJECT: can_decide_spending,
    SpendingAction.RETURN: can_decide_spending,
    SpendingAction.WITHDRAW: can_withdraw_spending,
    SpendingAction.REALISE: can_realise_spending,
}


def available_actions(user, req) -> list[str]:
    """The steps ``user`` can take on ``req`` now: the rule and the table both allow it."""
    return [
        action.value
        for action, rule in STEP_RULES.items()
        if target_state(req.state, action) is not None and rule(user, req)
    ]


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
