"""The refusal of the budget services that is a conflict with what exists, not bad input."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from citydeal.exceptions import Conflict


class LimitBelowCommitted(Conflict):
    """A budget line or a year's budget space would drop below what is committed on it
    (approved plus realised spending). ``committed`` is that sum and ``requested`` the
    limit that was asked for; the message, on ``field``, names both in euros."""

    code_name = "budget_below_committed"

    def __init__(self, message: str, *, field: str, committed: Decimal, requested: Decimal):
        self.committed = committed
        self.requested = requested
        super().__init__({field: [ValidationError(message, code=self.code_name)]})

    def conflict_fields(self) -> dict[str, str]:
        return {"committed": f"{self.committed:.2f}", "requested": f"{self.requested:.2f}"}
