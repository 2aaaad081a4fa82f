"""Reads of budgets: the budget tables, the budget space, decisions, and case cost differences.

Money is summed in the database (``Sum``) and stays ``Decimal``; formatting for
people happens in the templates.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import CaseCost
from citydeal.money import SUM_FIELD, ZERO
from teams.models import Programme, Team


@dataclass(frozen=True)
class BudgetTable:
    """One budget table of the plan ("Activiteiten 2021", "Doorkijk 2022 - 2023")."""

    period: BudgetPeriod
    lines: list[BudgetLine]
    total: Decimal
    spaces: list[BudgetSpace] = field(default_factory=list)
    space_min: Decimal | None = None
    space_max: Decimal | None = None
    carried_over_from: list[BudgetSpace] = field(default_factory=list)

    @property
    def space_known(self) -> bool:
        """Whether the budget space is known for every year of the period."""
        return self.space_min is not None and self.space_max is not None

    @property
    def over_space_min(self) -> Decimal | None:
        """The estimate minus the top of the space: the smallest overrun (negative: room left)."""
        return None if self.space_max is None else self.total - self.space_max

    @property
    def over_space_max(self) -> Decimal | None:
        """The estimate minus the bottom of the space: the largest overrun."""
        return None if self.space_min is None else self.total - self.space_min

    @property
    def space_notes(self) -> list[str]:
        """The notes of the period's budget space, each once (years often share one)."""
        return list(dict.fromkeys(space.note for space in self.spaces if space.note))

    @property
    def space_status(self) -> str | None:
        """'above' the top of the space, 'below' its bottom, 'within' the range, or None."""
        if not self.space_known:
            return None
        if self.total > self.space_max:
            return "above"
        if self.total < self.space_min:
            return "below"
        return "within"


def _space_sum(column: str) -> Subquery:
    """Sum of a budget space column over the years of the outer period, in the database."""
    spaces = (
        BudgetSpace.objects.filter(
            programme=OuterRef("programme"),
            year__gte=OuterRef("start_year"),
            year__lte=OuterRef("end_year"),
        )
        .order_by()
        .values("programme")
        .annotate(total=Sum(column))
        .values("total")
    )
    return Subquery(spaces, output_field=SUM_FIELD)


def _space_years_known() -> Subquery:
    spaces = (
        BudgetSpace.objects.filter(
            programme=OuterRef("programme"),
            year__gte=OuterRef("start_year"),
            year__lte=OuterRef("end_year"),
            amount_min__isnull=False,
            amount_max__isnull=False,
        )
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(spaces)


def budget_tables(*, programme: Programme) -> list[BudgetTable]:
    """The budget tables of the programme, one per period, lines in team order.

    Three queries: the periods with their totals and space sums, their lines with
    the teams, and the budget space per year.
    """
    periods = list(
        BudgetPeriod.objects.filter(programme=programme)
        .annotate(
            lines_total=Coalesce(Sum("lines__amount"), Value(ZERO), output_field=SUM_FIELD),
            space_min_total=_space_sum("amount_min"),
            space_max_total=_space_sum("amount_max"),
            space_years_known=Coalesce(_space_years_known(), Value(0)),
        )
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=BudgetLine.objects.select_related("team").order_by("team__number"),
            )
        )
        .order_by("start_year", "end_year")
    )
    spaces = list(BudgetSpace.objects.filter(programme=programme).order_by("year"))
    tables = []
    for period in periods:
        complete = period.space_years_known == len(period.years)
        tables.append(
            BudgetTable(
                period=period,
                lines=list(period.lines.all()),
                total=period.lines_total,
                spaces=[s for s in spaces if period.start_year <= s.year <= period.end_year],
                space_min=period.space_min_total if complete else None,
                space_max=period.space_max_total if complete else None,
                carried_over_from=[
                    s for s in spaces if s.carries_over and s.year == period.start_year - 1
                ],
            )
        )
    return tables


def team_budget_lines(*, team: Team) -> list[BudgetLine]:
    """The team's budget lines, one per period, oldest period first."""
    return list(
        BudgetLine.objects.filter(team=team)
        .select_related("period")
        .order_by("period__start_year", "period__end_year")
    )


def decision_rows(*, programme: Programme) -> QuerySet[Decision]:
    """The core team's decisions, newest first, with the event and budget lines they
    concern (one query more). For a paged list."""
    return (
        Decision.objects.filter(programme=programme)
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("team", "period").order_by(
                    "period__start_year", "team__number"
                ),
            )
        )
        .order_by("-date", "pk")
    )


def programme_decisions(*, programme: Programme, limit: int | None = None) -> list[Decision]:
    """The newest ``limit`` decisions (all without a limit), as ``decision_rows``."""
    rows = decision_rows(programme=programme)
    return list(rows if limit is None else rows[:limit])


@dataclass(frozen=True)
class CaseCostDifference:
    """A team's case table against its budget line for the same period.

    ``case_years`` are the years the case table names inside the period; when the
    period spans more years than that (the 2022-2023 line against a 2022 column),
    ``covers_whole_period`` is False and the page says so.
    """

    team: Team
    period: BudgetPeriod | None
    case_years: tuple[int, ...]
    case_total: Decimal
    line_amount: Decimal | None

    @property
    def year(self) -> int | None:
        """The single year the case table names, if it names one."""
        return self.case_years[0] if len(self.case_years) == 1 else None

    @property
    def difference(self) -> Decimal | None:
        """Case total minus the budget line; negative when the cases ask less than the line."""
        return None if self.line_amount is None else self.case_total - self.line_amount

    @property
    def covers_whole_period(self) -> bool:
        return self.period is not None and set(self.case_years) == set(self.period.years)


def case_cost_differences(
    *, programme: Programme, team: Team | None = None, include_equal: bool = False
) -> list[CaseCostDifference]:
    """Where a team's case table adds up to something other than its budget line.

    The cases of a team's table are those whose ``lead_team`` is the team. Their costs
    are summed per year in the database and grouped into the budget period that holds
    the year; a year outside every period, or a period without a budget line, shows
    with ``period`` or ``line_amount`` None. Nothing is corrected: both figures are
    returned as the plan has them. Four queries (three with ``team``).
    """
    costs = CaseCost.objects.filter(
        case__programme=programme, case__lead_team__isnull=False
    ).order_by()
    if team is not None:
        costs = costs.filter(case__lead_team=team)
    yearly = list(
        costs.values("case__lead_team", "year")
        .annotate(total=Sum("amount"))
        .order_by("case__lead_team", "year")
    )
    if not yearly:
        return []
    periods = list(BudgetPeriod.objects.filter(programme=programme).order_by("start_year"))
    lines = BudgetLine.objects.filter(team__programme=programme)
    if team is not None:
        lines = lines.filter(team=team)
    amounts = {(line.team_id, line.period_id): line.amount for line in lines}
    if team is not None:
        teams = {team.pk: team}
    else:
        teams = Team.objects.filter(programme=programme).in_bulk()

    grouped: dict[tuple[int, int | None], list[tuple[int, Decimal]]] = defaultdict(list)
    period_of = {}
    for row in yearly:
        period = next((p for p in periods if p.start_year <= row["year"] <= p.end_year), None)
        key = (row["case__lead_team"], period.pk if period else None)
        period_of[key] = period
        grouped[key].append((row["year"], row["total"]))

    result = []
    for (team_id, period_id), years in grouped.items():
        row = CaseCostDifference(
            team=teams[team_id],
            period=period_of[(team_id, period_id)],
            case_years=tuple(year for year, _total in years),
            case_total=sum((total for _year, total in years), ZERO),
            line_amount=amounts.get((team_id, period_id)) if period_id else None,
        )
        if include_equal or row.difference != 0:
            result.append(row)
    result.sort(key=lambda r: (r.team.number, r.case_years))
    return result


def budget_line_get(*, programme: Programme, pk: int) -> BudgetLine:
    """One budget line of the programme with its team and period; 404 if there is none."""
    return get_object_or_404(
        BudgetLine.objects.select_related("team", "period"), pk=pk, team__programme=programme
    )


def budget_space_get(*, programme: Programme, year: int) -> BudgetSpace:
    """The budget space of one year of the programme; 404 if the year has none."""
    return get_object_or_404(BudgetSpace, programme=programme, year=year)
