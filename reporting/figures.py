"""The directors' dashboard: where each team stands, where the money goes, what is still
open, in figures computed in the database (aggregates and annotations, never a loop over
rows), so that reading them costs the same number of queries at any size of the programme.

``dashboard_figures`` composes the reads of the apps below; ``as_data`` turns the figures
into plain JSON (amounts as strings of euros with cents) for the API and the snapshots.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Window,
)
from django.utils import timezone

from activities.models import ActivityStatus
from activities.selectors import (
    Freshness,
    OpenPoints,
    activity_open_q,
    open_points,
    planning_freshness,
)
from budgets.selectors import BudgetTable, CaseCostDifference, budget_tables, case_cost_differences
from cases.models import Case
from spending.constants import SpendingState
from spending.models import SpendingRequest
from spending.selectors import BudgetOverview, budget_overview
from teams.models import Programme, Team
from workshops.constants import BookingState
from workshops.models import Booking

# Rows of the longer lists the dashboard shows; each has a link to the whole list.
LIST_SIZE = 10

STARTED = (ActivityStatus.IN_PROGRESS, ActivityStatus.DONE)
CLOSED = (ActivityStatus.DONE, ActivityStatus.CANCELLED)
BOOKING_FIGURES = {
    "requested": BookingState.REQUESTED,
    "confirmed": BookingState.CONFIRMED,
    "held": BookingState.HELD,
}


@dataclass(frozen=True)
class TeamProgress:
    """A team's activities by status, and how far they are from their planning."""

    team: Team
    total: int
    by_status: dict[str, int]
    started: int
    # Activities whose start month has come (planned to have started by now).
    due: int
    # Activities not done or cancelled whose end month has passed.
    past_end: int
    freshness: Freshness | None


@dataclass(frozen=True)
class BookingFigures:
    """Workshop bookings of a team or a case: requested, confirmed and held."""

    subject: Team | Case
    requested: int
    confirmed: int
    held: int


@dataclass(frozen=True)
class Waiting:
    """Spending requests waiting for the core team's decision: how many, and the ones
    that have waited longest, with ``waited_days`` each."""

    count: int
    oldest: list[SpendingRequest]


@dataclass(frozen=True)
class Dashboard:
    programme: Programme
    as_of: datetime.datetime
    money: BudgetOverview
    tables: list[BudgetTable]
    waiting: Waiting
    progress: list[TeamProgress]
    open_points: OpenPoints
    team_bookings: list[BookingFigures]
    case_bookings: list[BookingFigures]
    case_booking_count: int
    untouched_cases: list[Case]
    untouched_case_count: int
    differences: list[CaseCostDifference]


def _team_bookings(programme: Programme, teams: list[Team]) -> list[BookingFigures]:
    """Each team's workshop bookings requested, confirmed and held (one grouped query)."""
    rows = (
        Booking.objects.filter(
            slot__team__programme=programme, state__in=list(BOOKING_FIGURES.values())
        )
        .order_by()
        .values_list("slot__team_id", "state")
        .annotate(n=Count("pk"))
    )
    counts = {(team_id, state): n for team_id, state, n in rows}
    return [
        BookingFigures(
            subject=team,
            **{name: counts.get((team.pk, state), 0) for name, state in BOOKING_FIGURES.items()},
        )
        for team in teams
    ]


def _teams(programme: Programme, today: datetime.date, now: datetime.datetime):
    """The progress of each team and its workshop bookings: a query for the activities'
    figures, one for the bookings and the two of ``planning_freshness``."""
    this_month = today.replace(day=1)
    status_counts = {
        f"status_{status}": Count("activities", filter=Q(activities__status=status))
        for status in ActivityStatus.values
    }
    teams = list(
        Team.objects.filter(programme=programme)
        .annotate(
            total=Count("activities"),
            started=Count("activities", filter=Q(activities__status__in=STARTED)),
            due=Count(
                "activities",
                filter=Q(activities__start_month__lte=this_month)
                & ~Q(activities__status=ActivityStatus.CANCELLED),
            ),
            past_end=Count(
                "activities",
                filter=Q(activities__end_month__lt=this_month) & ~Q(activities__status__in=CLOSED),
            ),
            **status_counts,
        )
        .order_by("number")
    )
    freshness = planning_freshness(teams=teams, now=now)
    progress = [
        TeamProgress(
            team=team,
            total=team.total,
            by_status={
                status: getattr(team, f"status_{status}") for status in ActivityStatus.values
            },
            started=team.started,
            due=team.due,
            past_end=team.past_end,
            freshness=freshness.get(team.pk),
        )
        for team in teams
    ]
    return progress, _team_bookings(programme, teams)


def _first_with_total(rows: QuerySet, size: int) -> tuple[list, int]:
    """The first ``size`` of ``rows`` and how many there are in all, in one query."""
    first = list(rows.annotate(in_all=Window(Count("*")))[:size])
    return first, first[0].in_all if first else 0


def _booking_counts(prefix: str) -> dict:
    """Counts of bookings by state through ``{prefix}bookings``."""
    return {
        name: Count(
            f"{prefix}bookings", filter=Q(**{f"{prefix}bookings__state": state}), distinct=True
        )
        for name, state in BOOKING_FIGURES.items()
    }


def _booking_figures(rows) -> list[BookingFigures]:
    return [
        BookingFigures(subject=row, **{name: getattr(row, name) for name in BOOKING_FIGURES})
        for row in rows
    ]


def cases_with_bookings(*, programme: Programme) -> QuerySet[Case]:
    """The programme's cases with any workshop booking, most booked first, each with its
    ``requested``, ``confirmed`` and ``held`` counts (one query; slice it)."""
    return (
        Case.objects.filter(programme=programme, workshop_bookings__isnull=False)
        .annotate(**_booking_counts("workshop_"), booked=Count("workshop_bookings", distinct=True))
        .order_by("-booked", "title", "pk")
    )


def untouched_cases(*, programme: Programme) -> QuerySet[Case]:
    """The programme's cases that no team has worked with in a workshop yet: no booking
    confirmed or held (one query; slice it)."""
    worked = Booking.objects.filter(
        case=OuterRef("pk"), state__in=[BookingState.CONFIRMED, BookingState.HELD]
    )
    return Case.objects.filter(programme=programme).filter(~Exists(worked)).order_by("title", "pk")


def waiting_requests(*, programme: Programme, now: datetime.datetime) -> Waiting:
    """Submitted spending requests: how many, and the ``LIST_SIZE`` that have waited
    longest (one query)."""
    rows = (
        SpendingRequest.objects.filter(
            budget_line__team__programme=programme, state=SpendingState.SUBMITTED
        )
        .select_related("budget_line__team", "budget_line__period")
        .order_by("submitted_at", "pk")
    )
    oldest, count = _first_with_total(rows, LIST_SIZE)
    for request in oldest:
        submitted = request.submitted_at or request.created
        request.waited_days = (now - submitted).days
    return Waiting(count=count, oldest=oldest)


def dashboard_figures(*, programme: Programme, now: datetime.datetime | None = None) -> Dashboard:
    """Every figure of the dashboard at ``now`` (the current time by default)."""
    now = now or timezone.now()
    progress, team_bookings = _teams(programme, timezone.localdate(now), now)
    booked, booked_count = _first_with_total(cases_with_bookings(programme=programme), LIST_SIZE)
    untouched, untouched_count = _first_with_total(untouched_cases(programme=programme), LIST_SIZE)
    return Dashboard(
        programme=programme,
        as_of=now,
        money=budget_overview(programme=programme),
        tables=budget_tables(programme=programme),
        waiting=waiting_requests(programme=programme, now=now),
        progress=progress,
        open_points=open_points(programme=programme),
        team_bookings=team_bookings,
        case_bookings=_booking_figures(booked),
        case_booking_count=booked_count,
        untouched_cases=untouched,
        untouched_case_count=untouched_count,
        differences=case_cost_differences(programme=programme),
    )


# -- as plain data ----------------------------------------------------------------------


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _team(team: Team) -> dict:
    return {"id": team.pk, "number": team.number, "code": team.code, "name": team.name}


def _case(case: Case) -> dict:
    return {"id": case.pk, "slug": case.slug, "title": case.title}


def as_data(dashboard: Dashboard) -> dict:
    """The dashboard's figures as JSON-ready data: amounts in euros as strings with two
    decimals ("50000.00"), counts as numbers, teams by id, number and code."""
    money = dashboard.money
    return {
        "as_of": dashboard.as_of.isoformat(),
        "money": {
            "periods": [
                {
                    "period": period.period.label,
                    "years": list(period.period.years),
                    "lines": [
                        {
                            "team": _team(figures.line.team),
                            "planned": _money(figures.planned),
                            "approved": _money(figures.approved),
                            "realised": _money(figures.realised),
                            "pending": _money(figures.pending),
                            "remaining": _money(figures.remaining),
                        }
                        for figures in period.lines
                    ],
                    "planned": _money(period.totals.planned),
                    "approved": _money(period.totals.approved),
                    "realised": _money(period.totals.realised),
                    "remaining": _money(period.totals.remaining),
                }
                for period in money.periods
            ],
            "teams": [
                {
                    "team": _team(figures.team),
                    "estimate_min": _money(figures.estimate_min),
                    "estimate_max": _money(figures.estimate_max),
                    "planned": _money(figures.totals.planned),
                    "approved": _money(figures.totals.approved),
                    "realised": _money(figures.totals.realised),
                    "remaining": _money(figures.totals.remaining),
                }
                for figures in money.teams
            ],
            "years": [
                {
                    "year": year.year,
                    "space_min": _money(year.space_min),
                    "space_max": _money(year.space_max),
                    "carried_in": _money(year.carried_in),
                    "available": _money(year.available),
                    "committed": _money(year.committed),
                    "remaining": _money(year.remaining),
                }
                for year in money.years
            ],
            "space_per_period": [
                {
                    "period": table.period.label,
                    "teams_total": _money(table.total),
                    "space_min": _money(table.space_min),
                    "space_max": _money(table.space_max),
                    "over_space_min": _money(table.over_space_min),
                    "over_space_max": _money(table.over_space_max),
                    "status": table.space_status,
                }
                for table in dashboard.tables
            ],
        },
        "waiting": {
            "count": dashboard.waiting.count,
            "oldest": [
                {
                    "id": request.pk,
                    "title": request.title,
                    "team": _team(request.budget_line.team),
                    "line": str(request.budget_line.period.label),
                    "amount": _money(request.amount),
                    "submitted_at": request.submitted_at and request.submitted_at.isoformat(),
                    "waited_days": request.waited_days,
                }
                for request in dashboard.waiting.oldest
            ],
        },
        "progress": [
            {
                "team": _team(row.team),
                "total": row.total,
                "by_status": row.by_status,
                "started": row.started,
                "due": row.due,
                "past_end": row.past_end,
                "planning_changed": row.freshness
                and row.freshness.changed
                and row.freshness.changed.isoformat(),
                "planning_changed_by": (
                    row.freshness.by.display_name if row.freshness and row.freshness.by else None
                ),
                "planning_stale": bool(row.freshness and row.freshness.stale),
            }
            for row in dashboard.progress
        ],
        "open_points": {
            "activities": dashboard.open_points.activities,
            **{name: getattr(dashboard.open_points, name) for name in activity_open_q()},
            "teams": [
                {
                    "team": _team(team),
                    **{name: getattr(team, name) for name in activity_open_q()},
                }
                for team in dashboard.open_points.teams
            ],
        },
        "workshops": {
            "teams": [
                {
                    "team": _team(row.subject),
                    **{name: getattr(row, name) for name in BOOKING_FIGURES},
                }
                for row in dashboard.team_bookings
            ],
            "cases_with_bookings": dashboard.case_booking_count,
            "cases": [
                {
                    "case": _case(row.subject),
                    **{name: getattr(row, name) for name in BOOKING_FIGURES},
                }
                for row in dashboard.case_bookings
            ],
            "untouched_cases": dashboard.untouched_case_count,
            "untouched": [_case(case) for case in dashboard.untouched_cases],
        },
        "differences": [
            {
                "team": _team(difference.team),
                "period": difference.period and difference.period.label,
                "case_years": list(difference.case_years),
                "case_costs": _money(difference.case_total),
                "line": _money(difference.line_amount),
                "difference": _money(difference.difference),
            }
            for difference in dashboard.differences
        ],
    }
