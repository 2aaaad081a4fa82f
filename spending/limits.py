"""What is committed on a budget line or in a year holds its limit down.

Fills ``budgets.limits``: the budget services ask this before they lower a line's amount
or a year's budget space, with the programme locked (as an approval locks it), and get
``LimitBelowCommitted`` with the figures when the new limit would not hold what is
already approved and realised.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.exceptions import LimitBelowCommitted
from budgets.models import BudgetLine, BudgetSpace
from citydeal.formatting import format_euro
from spending.selectors import YearFigures, budget_line_figures, year_figures


def _euro(amount: Decimal) -> str:
    return format_euro(amount, decimals=True)


class CommittedSpendingChecker:
    def check_line(self, line: BudgetLine, amount: Decimal) -> None:
        figures = budget_line_figures(line)
        if amount >= figures.committed:
            return
        raise LimitBelowCommitted(
            _(
                "The budget line cannot be set to %(amount)s: %(committed)s is already "
                "committed on it (approved %(approved)s, realised %(realised)s). The lowest "
                "amount possible is %(committed)s."
            )
            % {
                "amount": _euro(amount),
                "committed": _euro(figures.committed),
                "approved": _euro(figures.approved),
                "realised": _euro(figures.realised),
            },
            field="amount",
            committed=figures.committed,
            requested=amount,
        )

    def check_space(self, current: BudgetSpace, proposed: BudgetSpace) -> None:
        programme, years = current.programme_id, [current.year, current.year + 1]
        before = year_figures(programme=programme, years=years)
        after = year_figures(programme=programme, years=years, proposed=proposed)
        for old, new in zip(before, after, strict=True):
            if _squeezed(old, new):
                raise LimitBelowCommitted(
                    _space_message(new, changed_year=current.year),
                    field="amount_max",
                    committed=new.committed,
                    requested=proposed.amount_max or Decimal("0.00"),
                )


def _squeezed(old: YearFigures, new: YearFigures) -> bool:
    """Whether the change leaves the year less room than it has committed, and less than
    it had: a year that was already over its space stays editable for other fields."""
    if new.available is None or new.committed <= new.available:
        return False
    return old.available is None or new.available < old.available


def _space_message(figures: YearFigures, *, changed_year: int) -> str:
    values = {
        "year": figures.year,
        "changed": changed_year,
        "committed": _euro(figures.committed),
        "available": _euro(figures.available),
        "carry": _euro(figures.carried_in),
    }
    if figures.year == changed_year:
        return (
            _(
                "The budget space of %(year)s cannot be lowered this far: %(committed)s is "
                "already committed in %(year)s, and the space with the carry-over "
                "(%(carry)s) would be %(available)s."
            )
            % values
        )
    return (
        _(
            "This change to %(changed)s reduces what carries over into %(year)s, where "
            "%(committed)s is already committed: %(year)s would have %(available)s "
            "(carry-over %(carry)s)."
        )
        % values
    )
