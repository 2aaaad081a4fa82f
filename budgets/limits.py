"""A budget limit never goes below what is already committed against it.

The budgets app owns the limits (a budget line's amount, a year's budget space); what is
committed against them (approved and realised spending) is known one layer up. That
layer fills this small interface when it starts (``register_limit_checker`` in its
``AppConfig.ready``); the budget services ask every checker before they lower a limit,
inside their transaction and with the programme locked, so no approval slips in between.
"""

from decimal import Decimal
from typing import Protocol

from budgets.models import BudgetLine, BudgetSpace


class LimitChecker(Protocol):
    def check_line(self, line: BudgetLine, amount: Decimal) -> None:
        """Raise ``LimitBelowCommitted`` when ``line`` cannot be set to ``amount``."""

    def check_space(self, current: BudgetSpace, proposed: BudgetSpace) -> None:
        """Raise ``LimitBelowCommitted`` when the year's space cannot become ``proposed``
        (an unsaved copy of ``current`` with the new values)."""


_checkers: list[LimitChecker] = []


def register_limit_checker(checker: LimitChecker) -> None:
    if not any(type(known) is type(checker) for known in _checkers):
        _checkers.append(checker)


def ensure_line_holds_commitments(line: BudgetLine, amount: Decimal) -> None:
    for checker in _checkers:
        checker.check_line(line, amount)


def ensure_space_holds_commitments(current: BudgetSpace, proposed: BudgetSpace) -> None:
    for checker in _checkers:
        checker.check_space(current, proposed)
