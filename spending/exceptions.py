"""The refusals of the spending services that are not about permission.

Both are ``ValidationError``s, so forms show them as they do any other; both are the
kernel's ``Conflict`` (the input is fine, the request's state or the budget refuses it),
so the API answers 409 with what ``conflict_fields`` adds: the state, or the figures.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from citydeal.exceptions import Conflict
from spending.constants import SpendingAction, SpendingState


class TransitionNotAllowed(Conflict):
    """The request's state does not allow this step (approving a draft, approving twice),
    or, with ``action`` None, does not allow changing the request any more."""

    def __init__(self, *, state: str, action: str | None = None):
        self.state = SpendingState(state)
        self.action = SpendingAction(action) if action else None
        if self.action is None:
            message = _(
                "A request with status '%(state)s' cannot be changed any more; only drafts "
                "and returned requests can."
            ) % {"state": self.state.label}
            code = "not_editable"
        else:
            message = _(
                "A request with status '%(state)s' cannot be %(action)s: this step is not possible."
            ) % {"state": self.state.label, "action": _past(self.action)}
            code = "transition_not_allowed"
        self.code_name = code
        super().__init__(message, code=code)

    def conflict_fields(self) -> dict[str, str]:
        return {"state": self.state.value}


class BudgetExceeded(Conflict):
    """The step would take a budget line or a year's budget space past its limit.

    ``remaining`` is what is left (never negative) and ``requested`` what the step
    asked for; the message names both in euros.
    """

    def __init__(self, message: str, *, code: str, remaining: Decimal, requested: Decimal):
        self.remaining = remaining
        self.requested = requested
        self.code_name = code
        super().__init__(message, code=code)

    def conflict_fields(self) -> dict[str, str]:
        return {"remaining": f"{self.remaining:.2f}", "requested": f"{self.requested:.2f}"}


def _past(action: SpendingAction) -> str:
    return {
        SpendingAction.SUBMIT: _("submitted"),
        SpendingAction.APPROVE: _("approved"),
        SpendingAction.REJECT: _("rejected"),
        SpendingAction.RETURN: _("returned"),
        SpendingAction.WITHDRAW: _("withdrawn"),
        SpendingAction.REALISE: _("realised"),
    }[action]
