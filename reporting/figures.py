"""The directors' dashboard: where each team stands, where the money goes, what is still
open, in figures computed in the database (aggregates and annotations, never a loop over
rows), so that reading them costs the same number of queries at any size of the programme.

``dashboard_figures`` composes the reads of the apps below; ``as_data`` turns the figures
into plain JSON (amounts as strings of euros with cents) for the API and the snapshots.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from activities.models import Activity, ActivityStatus
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


def _progress(programme: Programme, today: datetime.date, freshness) -> list[TeamProgress]:
    this_month = today.replace(day=1)
    status_counts = {
        f"status_{status}": Count("activities", filter=Q(activities__status=status))
        for status in ActivityStatus.values
    }
    teams = (
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
    return [
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
    return (
        Case.objects.filter(programme=programme)
        .filter(~Exists(worked))
        .select_related("municipality")
        .order_by("title", "pk")
    )


def waiting_requests(*, programme: Programme, now: datetime.datetime) -> Waiting:
    """Submitted spending requests, and the ``LIST_SIZE`` that have waited longest (two
    queries)."""
    rows = SpendingRequest.objects.filter(
        budget_line__team__programme=programme, state=SpendingState.SUBMITTED
    )
    oldest = list(
        rows.select_related("budget_line__team", "budget_line__period").order_by(
            "submitted_at", "pk"
        )[:LIST_SIZE]
    )
    for request in oldest:
        submitted = request.submitted_at or request.created
        request.waited_days = (now - submitted).days
    return Waiting(count=rows.count(), oldest=oldest)


def dashboard_figures(*, programme: Programme, now: datetime.datetime | None = None) -> Dashboard:
    """Every figure of the dashboard at ``now`` (the current time by default)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    freshness = planning_freshness(teams=teams, now=now)
    team_bookings = (
        Team.objects.filter(programme=programme)
        .annotate(**_booking_counts("workshop_slots__"))
        .order_by("number")
    )
    booked = cases_with_bookings(programme=programme)
    untouched = untouched_cases(programme=programme)
    return Dashboard(
        programme=programme,
        as_of=now,
        money=budget_overview(programme=programme),
        tables=budget_tables(programme=programme),
        waiting=waiting_requests(programme=programme, now=now),
        progress=_progress(programme, today, freshness),
        open_points=open_points(programme=programme),
        team_bookings=_booking_figures(team_bookings),
        case_bookings=_booking_figures(booked[:LIST_SIZE]),
        case_booking_count=booked.count(),
        untouched_cases=list(untouched[:LIST_SIZE]),
        untouched_case_count=untouched.count(),
        differences=case_cost_differences(programme=programme),
    )


# -- as plain data ----------------------------------------------------------------------


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _team(team: Team) -> dict:
    return {"id": team.pk, "number": team.number, "code": team.code, "name": team.name}


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
                    "case": {"id": row.subject.pk, "slug": row.subject.slug},
                    **{name: getattr(row, name) for name in BOOKING_FIGURES},
                }
                for row in dashboard.case_bookings
            ],
            "untouched_cases": dashboard.untouched_case_count,
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


def activities_for_open_point(*, programme: Programme, point: str) -> QuerySet[Activity]:
    """The activities behind an open point of the dashboard (``planning_open``,
    ``estimate_open``, ``responsible_open``, ``estimate_doubtful``), in team and plan
    order."""
    return (
        Activity.objects.filter(team__programme=programme)
        .filter(activity_open_q()[point])
        .select_related("team")
        .order_by("team__number", "order", "pk")
    )
