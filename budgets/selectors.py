"""Reads of budgets: the budget tables, the budget space, decisions, and case cost differences.

Money is summed in the database (``Sum``) and stays ``Decimal``; formatting for
people happens in the templates.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextChoices,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from activities.selectors import PeriodFit, estimate_missing_q, outside_years_q, period_fit_q
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import CaseCost
from citydeal.money import CENTS, SUM_FIELD, ZERO
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


def budget_periods(*, programme: Programme) -> list[BudgetPeriod]:
    """The programme's budget periods, oldest first (one query), for a page that hands
    them to several of the selectors below."""
    return list(BudgetPeriod.objects.filter(programme=programme).order_by("start_year"))


def case_cost_differences(
    *,
    programme: Programme,
    team: Team | None = None,
    include_equal: bool = False,
    periods: list[BudgetPeriod] | None = None,
) -> list[CaseCostDifference]:
    """Where a team's case table adds up to something other than its budget line.

    The cases of a team's table are those whose ``lead_team`` is the team. Their costs
    are summed per year in the database and grouped into the budget period that holds
    the year; a year outside every period, or a period without a budget line, shows
    with ``period`` or ``line_amount`` None. Nothing is corrected: both figures are
    returned as the plan has them. Four queries (three with ``team``; one less when the
    ``periods`` of ``budget_periods`` are given).
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
    if periods is None:
        periods = budget_periods(programme=programme)
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


# -- the teams' estimates against their budget lines ---------------------------------------


class EstimateVerdict(TextChoices):
    """What a team's estimates for a budget period say against its budget line."""

    EXCEEDS = "exceeds", _("The estimates exceed the budget line")
    FALLS_SHORT = "falls_short", _("The estimates fall short of the budget line")
    WITHIN = "within", _("The budget line lies within the estimates")
    CANNOT_TELL = "cannot_tell", _("Cannot tell")


@dataclass(frozen=True)
class EstimateFigures:
    """A group of activities: how many, the sums of their minimum and maximum estimates
    (a maximum left open counts as its minimum), and how many have no amount."""

    count: int = 0
    minimum: Decimal = ZERO
    maximum: Decimal = ZERO
    unestimated: int = 0

    @property
    def all_estimated(self) -> bool:
        return self.unestimated == 0


class Uncertainty:
    """Why the verdict cannot say more (``PeriodEstimates.reasons``)."""

    NO_LINE = "no_line"  # the team has no line for the period
    UNESTIMATED = "unestimated"  # an activity that may cost in the period has no amount
    CROSSING = "crossing"  # work across the border: the plan does not split its cost
    UNKNOWN_PERIOD = "unknown_period"  # work without a known period may fall in it


@dataclass(frozen=True)
class PeriodEstimates:
    """One team's activities against its line for one budget period.

    ``within``: planned within the period's years; ``crossing``: touching them but
    starting before or running on after, so part of their cost falls in another period
    and the plan does not say which part; ``unknown``: the team's work without a known
    period, which may fall in any. The period's costs lie between the minimum of
    ``within`` and the maxima of all three (open when one of them has no amount). The
    verdict says where the line lies: below that range (exceeded), above it (short), in
    it while everything is planned within the period (within), or "cannot tell".
    """

    period: BudgetPeriod
    line_amount: Decimal | None
    within: EstimateFigures
    crossing: EstimateFigures
    unknown: EstimateFigures
    main_activities: str = ""  # of the line, for the team's budget table

    @property
    def unestimated(self) -> int:
        """The activities within or across the period without an amount."""
        return self.within.unestimated + self.crossing.unestimated

    @property
    def lowest(self) -> Decimal:
        return self.within.minimum

    @property
    def highest(self) -> Decimal | None:
        """The most the period's costs can be; None when an activity has no amount."""
        groups = (self.within, self.crossing, self.unknown)
        if not all(group.all_estimated for group in groups):
            return None
        return sum((group.maximum for group in groups), ZERO)

    @property
    def verdict(self) -> str:
        line = self.line_amount
        if line is None:
            return EstimateVerdict.CANNOT_TELL
        if self.lowest > line:
            return EstimateVerdict.EXCEEDS
        highest = self.highest
        if highest is not None and highest < line:
            return EstimateVerdict.FALLS_SHORT
        if highest is not None and not self.crossing.count and not self.unknown.count:
            return EstimateVerdict.WITHIN
        return EstimateVerdict.CANNOT_TELL

    @property
    def verdict_label(self) -> str:
        return EstimateVerdict(self.verdict).label

    @property
    def reasons(self) -> list[str]:
        """What keeps the verdict from saying more (``Uncertainty``), for "cannot tell"."""
        if self.verdict != EstimateVerdict.CANNOT_TELL:
            return []
        if self.line_amount is None:
            return [Uncertainty.NO_LINE]
        reasons = []
        if self.unestimated or self.unknown.unestimated:
            reasons.append(Uncertainty.UNESTIMATED)
        if self.crossing.count:
            reasons.append(Uncertainty.CROSSING)
        if self.unknown.count:
            reasons.append(Uncertainty.UNKNOWN_PERIOD)
        return reasons

    @property
    def crossing_exceeds_line(self) -> bool:
        """The work across the period's border alone is estimated at more than the line:
        the plan must spend part of it in another period, and does not say which."""
        return (
            self.line_amount is not None
            and self.crossing.count > 0
            and self.crossing.minimum > self.line_amount
        )

    @property
    def adds_up(self) -> bool:
        return self.verdict in (EstimateVerdict.WITHIN,)


@dataclass(frozen=True)
class TeamEstimates:
    """A team's estimates per budget period, and the activities no period can take:
    without a known period (``unknown``) or planned outside every period (``outside``)."""

    team: Team
    periods: list[PeriodEstimates]
    unknown: EstimateFigures
    outside: EstimateFigures

    @property
    def adds_up(self) -> bool:
        return all(period.adds_up for period in self.periods)

    @property
    def has_lines(self) -> bool:
        return any(period.line_amount is not None for period in self.periods)


def _figures_annotations(name: str, q: Q) -> dict:
    prefix = "activities__"
    return {
        f"{name}_count": Count("activities", filter=q),
        f"{name}_min": Sum(f"{prefix}estimate_min", filter=q),
        f"{name}_max": Sum(
            Coalesce(f"{prefix}estimate_max", f"{prefix}estimate_min"),
            filter=q,
            output_field=SUM_FIELD,
        ),
        f"{name}_unestimated": Count("activities", filter=q & estimate_missing_q(prefix)),
    }


def _figures(row: dict, name: str) -> EstimateFigures:
    return EstimateFigures(
        count=row[f"{name}_count"],
        minimum=(row[f"{name}_min"] or ZERO).quantize(CENTS),
        maximum=(row[f"{name}_max"] or ZERO).quantize(CENTS),
        unestimated=row[f"{name}_unestimated"],
    )


def estimates_against_lines(
    *,
    programme: Programme,
    team: Team | None = None,
    periods: list[BudgetPeriod] | None = None,
) -> list[TeamEstimates]:
    """Per team (or the one ``team``) and budget period: the sums of the estimates of the
    activities planned within the period and of those crossing its border, beside the
    team's line for it (its amount and main activities, so the team page needs no query
    of its own for its lines); and the activities without a known period or outside
    every period. Summed in the database: two queries, whatever the number of activities
    (one when the ``periods`` of ``budget_periods`` are given)."""
    if periods is None:
        periods = budget_periods(programme=programme)
    prefix = "activities__"
    annotations = {}
    for index, period in enumerate(periods):
        years = {"first_year": period.start_year, "last_year": period.end_year}
        for fit in (PeriodFit.WITHIN, PeriodFit.CROSSING):
            annotations |= _figures_annotations(
                f"p{index}_{fit}", period_fit_q(fit, **years, prefix=prefix)
            )
        line = BudgetLine.objects.filter(team=OuterRef("pk"), period=period)
        annotations[f"p{index}_line"] = Subquery(line.values("amount")[:1])
        annotations[f"p{index}_main"] = Subquery(line.values("main_activities")[:1])
    annotations |= _figures_annotations(
        PeriodFit.UNKNOWN, period_fit_q(PeriodFit.UNKNOWN, first_year=0, last_year=0, prefix=prefix)
    )
    annotations |= _figures_annotations(
        "outside",
        outside_years_q([(p.start_year, p.end_year) for p in periods], prefix=prefix),
    )
    teams = Team.objects.filter(programme=programme).order_by("number")
    if team is not None:
        teams = teams.filter(pk=team.pk)
    result = []
    for row_team in teams.annotate(**annotations):
        row = row_team.__dict__
        unknown = _figures(row, PeriodFit.UNKNOWN)
        result.append(
            TeamEstimates(
                team=row_team,
                periods=[
                    PeriodEstimates(
                        period=period,
                        line_amount=row[f"p{index}_line"],
                        main_activities=row[f"p{index}_main"] or "",
                        within=_figures(row, f"p{index}_{PeriodFit.WITHIN}"),
                        crossing=_figures(row, f"p{index}_{PeriodFit.CROSSING}"),
                        unknown=unknown,
                    )
                    for index, period in enumerate(periods)
                ],
                unknown=unknown,
                outside=_figures(row, "outside"),
            )
        )
    return result
