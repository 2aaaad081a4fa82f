"""Reads of spending: the requests a user may see, and the budget control figures.

Money is summed in the database (``Sum`` with a filter per state) and stays
``Decimal``; every function runs a fixed number of queries, whatever the rows.

The figures, per budget line (and summed per period and per team):

- planned: the budget line's amount;
- approved: the approved amounts of requests approved and not yet realised;
- realised: the actual amounts of realised requests;
- committed: approved + realised, what counts against the line;
- remaining: planned - committed;
- pending: the amounts of submitted requests, waiting for a decision.

Per year, the budget space: its maximum, plus the carry-over from the previous year
when that year's surplus carries over (the previous year's maximum minus what was
committed in it, never negative). A year whose maximum the plan does not state has no
space to check (only its lines) and carries nothing over.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import Role, User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace
from citydeal.money import SUM_FIELD, ZERO
from citydeal.verdicts import is_core_team, is_team_lead, led_team_ids
from spending.constants import COMMITTED_STATES, SpendingState
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from teams.models import Programme, Team


def _sum(expression, condition: Q) -> Coalesce:
    return Coalesce(Sum(expression, filter=condition), Value(ZERO), output_field=SUM_FIELD)


def _figure_annotations(prefix: str = "") -> dict:
    """Approved, realised and pending sums over the requests at ``prefix`` (a relation path)."""
    state = f"{prefix}state"
    return {
        "approved_total": _sum(f"{prefix}amount", Q(**{state: SpendingState.APPROVED})),
        "realised_total": _sum(f"{prefix}actual_amount", Q(**{state: SpendingState.REALISED})),
        "pending_total": _sum(f"{prefix}amount", Q(**{state: SpendingState.SUBMITTED})),
    }


# -- which requests a user sees --------------------------------------------------------


def spending_requests_visible(user: User) -> QuerySet[SpendingRequest]:
    """The requests ``user`` may see (the same rule as ``can_view_spending``), with what a
    list shows loaded: the line, its team and period, the activity and its team, and the
    people."""
    queryset = SpendingRequest.objects.select_related(
        "budget_line__team",
        "budget_line__period",
        "activity__team",
        "created_by",
        "submitted_by",
        "decided_by",
    )
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if is_core_team(user) or user.has_role(Role.DIRECTOR):
        return queryset
    return queryset.filter(Q(created_by=user) | Q(budget_line__team__in=led_team_ids(user)))


def _filtered(
    queryset: QuerySet[SpendingRequest],
    *,
    team: Team | None = None,
    period: BudgetPeriod | None = None,
    state: str | None = None,
    search: str = "",
) -> QuerySet[SpendingRequest]:
    if team is not None:
        queryset = queryset.filter(budget_line__team=team)
    if period is not None:
        queryset = queryset.filter(budget_line__period=period)
    if state:
        queryset = queryset.filter(state=state)
    if search:
        queryset = queryset.filter(title__icontains=search)
    return queryset


def spending_request_list(
    *,
    user: User,
    team: Team | None = None,
    period: BudgetPeriod | None = None,
    state: str | None = None,
    search: str = "",
) -> QuerySet[SpendingRequest]:
    """The visible requests, filtered (``search`` in the title); the newest submission
    first (drafts last)."""
    queryset = _filtered(
        spending_requests_visible(user), team=team, period=period, state=state, search=search
    )
    return queryset.order_by(F("submitted_at").desc(nulls_last=True), "-created", "-pk")


def spending_requests_mine(
    *,
    user: User,
    team: Team | None = None,
    period: BudgetPeriod | None = None,
    state: str | None = None,
    search: str = "",
) -> QuerySet[SpendingRequest]:
    """The requests the user created or that concern a team the user leads, filtered as
    ``spending_request_list``; the newest first."""
    queryset = spending_requests_visible(user).filter(
        Q(created_by=user) | Q(budget_line__team__in=led_team_ids(user))
    )
    queryset = _filtered(queryset, team=team, period=period, state=state, search=search)
    return queryset.order_by("-created", "-pk")


@dataclass(frozen=True)
class SpendingInbox:
    """What waits for the user: submitted requests the user may decide, and the user's
    own requests that were returned."""

    waiting: int = 0
    returned: int = 0


def spending_inbox(user: User) -> SpendingInbox:
    """The counts of the navigation, in one query, and none for a user with nothing to
    count: ``waiting`` for the core team (submitted requests that ``can_decide_spending``
    allows: never one the user created or submitted), ``returned`` for those who ask for
    money (the core team and team leads: their own requests returned to them, which only
    they can change)."""
    decides = is_core_team(user)
    asks = decides or is_team_lead(user)
    if not asks:
        return SpendingInbox()
    mine = Q(created_by=user)
    waiting = Q(state=SpendingState.SUBMITTED) & ~mine & ~Q(submitted_by=user)
    returned = Q(state=SpendingState.RETURNED) & mine
    counts = {"returned": Count("pk", filter=returned)}
    if decides:
        counts["waiting"] = Count("pk", filter=waiting)
    where = returned | waiting if decides else returned
    return SpendingInbox(**SpendingRequest.objects.filter(where).aggregate(**counts))


def spending_request_detail(*, user: User, pk: int) -> SpendingRequest:
    """One visible request with its trail (and who took each step) and its decision.

    Raises ``SpendingRequest.DoesNotExist`` when it does not exist or is not visible.
    """
    return (
        spending_requests_visible(user)
        .select_related("decision")
        .prefetch_related(*trail_prefetches())
        .get(pk=pk)
    )


def trail_prefetches() -> list[Prefetch]:
    """The steps and the field changes of requests, each with its author: two queries."""
    return [
        Prefetch("transitions", queryset=SpendingTransition.objects.select_related("by")),
        Prefetch("changes", queryset=SpendingChange.objects.select_related("by")),
    ]


@dataclass(frozen=True)
class TrailEntry:
    """One line of a request's trail: its creation, a step, or a changed field.

    ``field_name`` names what changed (``"state"`` for the creation and the steps, else a
    ``SpendingChange.Field``); ``old`` and ``new`` are the states' labels or the field's
    values; ``amount`` is the request's amount at that moment (creation and steps).
    """

    at: datetime.datetime
    by: User
    kind: str  # "created", "step" or "change"
    field_name: str
    label: str
    old: str
    new: str
    amount: Decimal | None = None
    note: str = ""

    @property
    def is_money(self) -> bool:
        return self.field_name == SpendingChange.Field.AMOUNT


def spending_request_trail(req: SpendingRequest) -> list[TrailEntry]:
    """The request's creation, steps and field changes, oldest first (no queries when
    the steps and changes are prefetched with ``trail_prefetches``).

    The creation shows the amount the request was created with: the old value of its
    first amount change, or its amount when that never changed.
    """
    changes = list(req.changes.all())
    first_amount = next(
        (c.old_value for c in changes if c.field == SpendingChange.Field.AMOUNT), None
    )
    status = str(_("status"))
    entries = [
        TrailEntry(
            at=req.created,
            by=req.created_by,
            kind="created",
            field_name="state",
            label=str(_("created")),
            old="",
            new=SpendingState.DRAFT.label,
            amount=req.amount if first_amount is None else Decimal(first_amount),
        )
    ]
    entries += [
        TrailEntry(
            at=step.at,
            by=step.by,
            kind="step",
            field_name="state",
            label=status,
            old=step.get_from_state_display(),
            new=step.get_to_state_display(),
            amount=step.amount,
            note=step.note,
        )
        for step in req.transitions.all()
    ]
    entries += [
        TrailEntry(
            at=change.at,
            by=change.by,
            kind="change",
            field_name=change.field,
            label=change.get_field_display(),
            old=change.old_value,
            new=change.new_value,
        )
        for change in changes
    ]
    order = {"created": 0, "change": 1, "step": 2}
    return sorted(entries, key=lambda entry: (entry.at, order[entry.kind]))


def budget_lines_for_submitter(user: User) -> QuerySet[BudgetLine]:
    """The budget lines ``user`` may ask money for: the core team all, a team lead the own."""
    lines = BudgetLine.objects.select_related("team", "period").order_by(
        "period__start_year", "team__number"
    )
    if is_core_team(user):
        return lines
    return lines.filter(team__in=led_team_ids(user))


def activities_for_submitter(user: User) -> QuerySet[Activity]:
    """The activities a request of ``user`` may concern: those of the teams of the lines."""
    activities = Activity.objects.select_related("team").order_by("team__number", "order")
    if is_core_team(user):
        return activities
    return activities.filter(team__in=led_team_ids(user))


# -- budget control figures ---------------------------------------------------------------


@dataclass(frozen=True)
class LineFigures:
    """What is planned, approved, realised and left on one budget line."""

    line: BudgetLine
    approved: Decimal
    realised: Decimal
    pending: Decimal

    @property
    def planned(self) -> Decimal:
        return self.line.amount

    @property
    def committed(self) -> Decimal:
        return self.approved + self.realised

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.committed


def budget_line_figures(line: BudgetLine) -> LineFigures:
    """The figures of one budget line, in one query."""
    totals = SpendingRequest.objects.filter(budget_line=line).aggregate(**_figure_annotations())
    return LineFigures(
        line=line,
        approved=totals["approved_total"],
        realised=totals["realised_total"],
        pending=totals["pending_total"],
    )


def _line_sum(column: str, state: SpendingState) -> Coalesce:
    """The sum of ``column`` over the requests in ``state`` on the outer query's line."""
    requests = (
        SpendingRequest.objects.filter(budget_line=OuterRef("pk"), state=state)
        .order_by()
        .values("budget_line")
        .annotate(total=Sum(column))
        .values("total")
    )
    return Coalesce(Subquery(requests), Value(ZERO), output_field=SUM_FIELD)


def budget_lines_with_figures(lines: QuerySet[BudgetLine]) -> QuerySet[BudgetLine]:
    """``lines`` with ``approved_total``, ``realised_total`` and ``pending_total``
    annotated (the figures of ``budget_line_figures``, for many lines in the same query).

    Each sum is a subquery on the line's own requests (the index on line and state), not
    a join and GROUP BY over every request: counting the lines (a list's page count)
    then leaves the sums out, and a page sums only its own lines."""
    return lines.annotate(
        approved_total=_line_sum("amount", SpendingState.APPROVED),
        realised_total=_line_sum("actual_amount", SpendingState.REALISED),
        pending_total=_line_sum("amount", SpendingState.SUBMITTED),
    )


def committed_per_year(*, programme: Programme, years) -> dict[int, Decimal]:
    """What is committed (approved + realised) per year of the budget space, in one query."""
    rows = (
        SpendingRequest.objects.filter(
            budget_line__team__programme=programme,
            year__in=list(years),
            state__in=COMMITTED_STATES,
        )
        .order_by()
        .values("year")
        .annotate(**_figure_annotations())
    )
    committed = defaultdict(lambda: ZERO)
    for row in rows:
        committed[row["year"]] = row["approved_total"] + row["realised_total"]
    return committed


@dataclass(frozen=True)
class YearFigures:
    """The budget space of one year next to what is committed in it.

    ``space`` is None when the programme has no space row for the year; ``available``
    is None when the plan does not state the year's maximum (then there is no space
    check, only the lines).
    """

    year: int
    space: BudgetSpace | None
    committed: Decimal
    carried_in: Decimal = ZERO
    carried_from: BudgetSpace | None = None

    @property
    def stated(self) -> bool:
        return self.space is not None and self.space.amount_max is not None

    @property
    def space_min(self) -> Decimal | None:
        return self.space.amount_min if self.space else None

    @property
    def space_max(self) -> Decimal | None:
        return self.space.amount_max if self.space else None

    @property
    def available(self) -> Decimal | None:
        """The maximum plus the carry-over into this year; None when not stated."""
        return self.space.amount_max + self.carried_in if self.stated else None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.available is None else self.available - self.committed

    @property
    def carries_over(self) -> bool:
        return self.space is not None and self.space.carries_over

    @property
    def carry_out(self) -> Decimal:
        """What this year passes on to the next: its unused maximum, never negative.

        Only the year's own maximum carries over, not what it received itself.
        """
        if not (self.carries_over and self.stated):
            return ZERO
        return max(ZERO, self.space.amount_max - self.committed)


def _year_figures(
    years, spaces: dict[int, BudgetSpace], committed: dict[int, Decimal]
) -> list[YearFigures]:
    result = []
    for year in years:
        previous = YearFigures(
            year=year - 1, space=spaces.get(year - 1), committed=committed[year - 1]
        )
        carried_from = previous.space if previous.carries_over else None
        result.append(
            YearFigures(
                year=year,
                space=spaces.get(year),
                committed=committed[year],
                carried_in=previous.carry_out,
                carried_from=carried_from,
            )
        )
    return result


def year_figures(
    *, programme: Programme | int, years, proposed: BudgetSpace | None = None
) -> list[YearFigures]:
    """The budget space of each of ``years`` with the carry-over and what is committed.

    ``proposed``, an unsaved budget space, stands in for the stored one of its year: the
    figures as they would be after a change.

    Two queries: the spaces, and the committed sums per year (for the years and the
    year before each, which decides the carry-over).
    """
    years = sorted(set(years))
    wanted = sorted({*years, *(year - 1 for year in years)})
    spaces = {
        space.year: space
        for space in BudgetSpace.objects.filter(programme=programme, year__in=wanted)
    }
    if proposed is not None:
        spaces[proposed.year] = proposed
    committed = committed_per_year(programme=programme, years=wanted)
    return _year_figures(years, spaces, committed)


@dataclass
class FigureTotals:
    planned: Decimal = ZERO
    approved: Decimal = ZERO
    realised: Decimal = ZERO
    pending: Decimal = ZERO

    @property
    def committed(self) -> Decimal:
        return self.approved + self.realised

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.committed

    def add(self, figures: LineFigures) -> None:
        self.planned += figures.planned
        self.approved += figures.approved
        self.realised += figures.realised
        self.pending += figures.pending


@dataclass
class PeriodFigures:
    period: BudgetPeriod
    lines: list[LineFigures] = field(default_factory=list)
    totals: FigureTotals = field(default_factory=FigureTotals)


@dataclass
class TeamFigures:
    """A team's lines over all periods, next to the estimates of its activities.

    The plan's estimates belong to activities, not to budget periods (many activities
    run from 2021 into 2022), so they are summed per team and never split by period.
    """

    team: Team
    estimate_min: Decimal | None
    estimate_max: Decimal | None
    activity_count: int
    unestimated_count: int
    totals: FigureTotals = field(default_factory=FigureTotals)


@dataclass(frozen=True)
class BudgetOverview:
    programme: Programme
    periods: list[PeriodFigures]
    teams: list[TeamFigures]
    years: list[YearFigures]


def budget_overview(*, programme: Programme) -> BudgetOverview:
    """The budget control figures of the programme: per line and period, per team, per year.

    Five queries: the periods, the lines with their sums, the teams with their estimates,
    the budget spaces and the committed sums per year.
    """
    periods = list(BudgetPeriod.objects.filter(programme=programme).order_by("start_year"))
    lines = (
        BudgetLine.objects.filter(period__programme=programme)
        .select_related("team", "period")
        .annotate(**_figure_annotations("spending_requests__"))
        .order_by("period__start_year", "team__number")
    )
    teams = list(
        Team.objects.filter(programme=programme)
        .annotate(
            estimate_min_total=Coalesce(
                Sum("activities__estimate_min"), Value(ZERO), output_field=SUM_FIELD
            ),
            estimate_max_total=Coalesce(
                Sum(Coalesce("activities__estimate_max", "activities__estimate_min")),
                Value(ZERO),
                output_field=SUM_FIELD,
            ),
            activity_count=Count("activities"),
            unestimated_count=Count("activities", filter=Q(activities__estimate_min__isnull=True)),
        )
        .order_by("number")
    )

    by_period = {period.pk: PeriodFigures(period=period) for period in periods}
    by_team = {
        team.pk: TeamFigures(
            team=team,
            # No activity with an estimate: unknown, not € 0.
            estimate_min=team.estimate_min_total if estimated else None,
            estimate_max=team.estimate_max_total if estimated else None,
            activity_count=team.activity_count,
            unestimated_count=team.unestimated_count,
        )
        for team in teams
        for estimated in [team.activity_count - team.unestimated_count]
    }
    for line in lines:
        figures = LineFigures(
            line=line,
            approved=line.approved_total,
            realised=line.realised_total,
            pending=line.pending_total,
        )
        by_period[line.period_id].lines.append(figures)
        by_period[line.period_id].totals.add(figures)
        by_team[line.team_id].totals.add(figures)

    years = sorted({year for period in periods for year in period.years})
    return BudgetOverview(
        programme=programme,
        periods=list(by_period.values()),
        teams=list(by_team.values()),
        years=year_figures(programme=programme, years=years),
    )
