"""The refusals of the spending services that are not about permission.

Both are ``ValidationError``s, so forms and the API's exception handler show them as
they do any other; the API can tell them apart by class (a state conflict is a 409).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spending.constants import SpendingAction, SpendingState


class TransitionNotAllowed(ValidationError):
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
        super().__init__(message, code=code)


class BudgetExceeded(ValidationError):
    """The step would take a budget line or a year's budget space past its limit.

    ``remaining`` is what is left (never negative) and ``requested`` what the step
    asked for; the message names both in euros.
    """

    def __init__(self, message: str, *, code: str, remaining: Decimal, requested: Decimal):
        self.remaining = remaining
        self.requested = requested
        super().__init__(message, code=code)


def _past(action: SpendingAction) -> str:
    return {
        SpendingAction.SUBMIT: _("submitted"),
        SpendingAction.APPROVE: _("approved"),
        SpendingAction.REJECT: _("rejected"),
        SpendingAction.RETURN: _("returned"),
        SpendingAction.WITHDRAW: _("withdrawn"),
        SpendingAction.REALISE: _("realised"),
    }[action]
