"""Reads of the activities: one activity, a team's or a case's planning, the open points."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from activities.models import Activity, PlanningKind
from cases.models import Case
from teams.models import Programme, Team

# What the plans write where something is still to be decided ("ntb", "N.t.b.",
# "Nader te bepalen", "PM"); compared case-insensitively.
UNDECIDED_WORDS = ("ntb", "n.t.b.", "n.t.b", "nader te bepalen", "pm")


def is_undecided(text: str) -> bool:
    """Whether a cell of the plan says 'to be decided' (the words of ``UNDECIDED_WORDS``)."""
    return text.strip().lower() in UNDECIDED_WORDS


def _undecided_q(field: str) -> Q:
    q = Q()
    for word in UNDECIDED_WORDS:
        q |= Q(**{f"{field}__iexact": word})
    return q


def activity_open_q(prefix: str = "") -> dict[str, Q]:
    """The open points of an activity as filters: planning, estimate and responsible undecided."""
    return {
        "planning_open": Q(**{f"{prefix}planning_kind": PlanningKind.TBD}),
        "estimate_open": Q(**{f"{prefix}estimate_min__isnull": True})
        & _undecided_q(f"{prefix}estimate_text"),
        "responsible_open": _undecided_q(f"{prefix}responsible"),
        "estimate_doubtful": Q(**{f"{prefix}estimate_doubtful": True}),
    }


# The open points of ``activity_open_q`` in words, in that order: the dashboard's columns,
# the planning's filter and the update's sheet.
OPEN_POINT_LABELS = {
    "planning_open": gettext_lazy("Planning to be decided"),
    "estimate_open": gettext_lazy("Estimate to be decided"),
    "responsible_open": gettext_lazy("Responsible to be decided"),
    "estimate_doubtful": gettext_lazy("Estimate in doubt (?)"),
}


def activity_get(*, programme: Programme, pk: int) -> Activity:
    """One activity of the programme with its team, goal and cases; 404 if there is none."""
    return get_object_or_404(
        Activity.objects.select_related("team", "goal").prefetch_related(
            Prefetch("cases", queryset=Case.objects.order_by("title"))
        ),
        pk=pk,
        team__programme=programme,
    )


def team_activity_rows(
    *,
    team: Team,
    search: str = "",
    status: str = "",
    fit: str = "",
    years: tuple[int, int] | None = None,
    no_estimate: bool = False,
) -> QuerySet[Activity]:
    """The team's planning in the plan's order, with its goal; ``search`` in the title,
    explanation or responsible, ``status`` one of ``ActivityStatus``; ``fit`` (a
    ``PeriodFit``) to the ``years`` (first, last) of a budget period, and ``no_estimate``
    for those without an amount: the rows behind the figures of the estimates against
    the budget lines. For a paged list."""
    rows = team.activities.select_related("goal").order_by("order", "pk")
    if fit == PeriodFit.UNKNOWN or (fit in PeriodFit.choices and years is not None):
        first_year, last_year = years or (0, 0)
        rows = rows.filter(period_fit_q(fit, first_year=first_year, last_year=last_year))
    if no_estimate:
        rows = rows.filter(estimate_missing_q())
    if search:
        rows = rows.filter(
            Q(title__icontains=search)
            | Q(explanation__icontains=search)
            | Q(responsible__icontains=search)
        )
    if status:
        rows = rows.filter(status=status)
    return rows


def mark_open(activities) -> list[Activity]:
    """Sets ``is_open`` (and what is open) on each activity: planning, estimate or
    responsible still undecided. No queries."""
    activities = list(activities)
    for activity in activities:
        activity.planning_open = activity.planning_kind == PlanningKind.TBD
        activity.estimate_open = activity.estimate_min is None and is_undecided(
            activity.estimate_text
        )
        activity.responsible_open = is_undecided(activity.responsible)
        activity.is_open = (
            activity.planning_open or activity.estimate_open or activity.responsible_open
        )
    return activities


def team_activities(*, team: Team, limit: int | None = None) -> list[Activity]:
    """The team's planning table in the plan's order (the first ``limit`` activities),
    each marked with its open points (``mark_open``). One query."""
    rows = team_activity_rows(team=team)
    return mark_open(rows if limit is None else rows[:limit])


@dataclass(frozen=True)
class OpenPoints:
    """Counts of what the plans leave open, per team and in total."""

    teams: list[Team]
    planning_open: int
    estimate_open: int
    responsible_open: int
    estimate_doubtful: int
    activities: int


def open_points(*, programme: Programme) -> OpenPoints:
    """Per team: activities whose planning, estimate or responsible is still 'ntb'. One query."""
    filters = activity_open_q("activities__")
    teams = list(
        Team.objects.filter(programme=programme)
        .annotate(
            activity_count=Count("activities"),
            **{name: Count("activities", filter=q) for name, q in filters.items()},
        )
        .order_by("number")
    )
    return OpenPoints(
        teams=teams,
        activities=sum(t.activity_count for t in teams),
        **{name: sum(getattr(t, name) for t in teams) for name in filters},
    )


def case_activities(*, case: Case) -> list[Activity]:
    """The team activities that concern the case, in team and plan order."""
    return list(case.activities.select_related("team", "goal").order_by("team__number", "order"))


# -- the programme timeline ---------------------------------------------------------------


def timeline_activities(
    *,
    programme: Programme,
    team: Team | None = None,
    goal=None,
    status: str = "",
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    open_point: str = "",
) -> QuerySet[Activity]:
    """The programme's activities for the timeline, in team and plan order, with team and
    goal (one query). ``first`` and ``last`` (months) keep those whose known period
    touches them: a period that overlaps, ongoing or "from" work begun by ``last``; work
    whose period is to be decided only when no period is asked for. ``open_point`` (a
    name of ``activity_open_q``) keeps those with that open point."""
    rows = (
        Activity.objects.filter(team__programme=programme)
        .select_related("team", "goal")
        .order_by("team__number", "order", "pk")
    )
    if team is not None:
        rows = rows.filter(team=team)
    if goal is not None:
        rows = rows.filter(goal=goal)
    if status:
        rows = rows.filter(status=status)
    if open_point:
        rows = rows.filter(activity_open_q()[open_point])
    if first is not None or last is not None:
        known = Q(planning_kind=PlanningKind.PERIOD, start_month__isnull=False) | Q(
            planning_kind__in=[PlanningKind.ONGOING, PlanningKind.FROM]
        )
        rows = rows.filter(known)
        if first is not None:
            ends_after = Q(planning_kind=PlanningKind.PERIOD) & (
                Q(end_month__gte=first) | Q(end_month__isnull=True, start_month__gte=first)
            )
            rows = rows.filter(ends_after | ~Q(planning_kind=PlanningKind.PERIOD))
        if last is not None:
            rows = rows.filter(Q(start_month__isnull=True) | Q(start_month__lte=last))
    return rows


@dataclass(frozen=True)
class Span:
    """The first and the last month of known periods (None when none is known)."""

    first: datetime.date | None
    last: datetime.date | None


def timeline_span(rows: QuerySet[Activity]) -> Span:
    """The months from the earliest start to the latest end (or start, when the end is
    open) among ``rows``: one aggregate, whatever their number."""
    figures = rows.order_by().aggregate(
        first=Min("start_month"), last=Max(Coalesce("end_month", "start_month"))
    )
    return Span(first=figures["first"], last=figures["last"])


@dataclass(frozen=True)
class Freshness:
    """When a team's planning (its activities) last changed, and by whom."""

    changed: datetime.datetime | None
    by: object | None
    stale: bool


# A planning that has not changed in this long is pointed out to the core team.
STALE_AFTER = datetime.timedelta(weeks=6)


_CHANGED_BY_NAMES = ("username", "first_name", "last_name")


def freshness_annotations() -> dict:
    """Annotations of a team query: the last change of any of the team's activities
    (their history), ``last_changed``, and who made it, ``last_changed_by`` with the names
    the pages show; read back with ``freshness_of``."""
    history = Activity.history.model.objects.filter(team_id=OuterRef("pk")).order_by(
        "-history_date", "-history_id"
    )
    return {
        "last_changed": Subquery(history.values("history_date")[:1]),
        "last_changed_by": Subquery(history.values("history_user_id")[:1]),
        **{
            f"last_changed_by_{name}": Subquery(history.values(f"history_user__{name}")[:1])
            for name in _CHANGED_BY_NAMES
        },
    }


def freshness_of(row: dict, now: datetime.datetime) -> Freshness:
    """The freshness of a team from the values of ``freshness_annotations`` in ``row``
    (a ``values()`` row, or an annotated team's ``__dict__``); ``stale`` when older than
    ``STALE_AFTER`` or never changed."""
    from accounts.models import User

    by, at = row["last_changed_by"], row["last_changed"]
    return Freshness(
        changed=at,
        by=None
        if by is None
        else User(pk=by, **{name: row[f"last_changed_by_{name}"] for name in _CHANGED_BY_NAMES}),
        stale=at is None or now - at > STALE_AFTER,
    )


def planning_freshness(*, teams, now: datetime.datetime) -> dict[int, Freshness]:
    """Per team key: when its planning last changed and by whom (``freshness_of``). One
    query."""
    annotations = freshness_annotations()
    rows = Team.objects.filter(pk__in=[team.pk for team in teams]).annotate(**annotations)
    return {row["pk"]: freshness_of(row, now) for row in rows.values("pk", *annotations)}


def planning_teams(*, programme: Programme, team: Team | None = None) -> list[Team]:
    """The teams of the programme (or the one ``team``) for the planning export, in
    number order, each with ``planning_activities`` (in the plan's order, with goal and
    cases) and the summary figures summed in the database: ``planning_count``,
    ``planning_undecided``, ``planning_doubtful``, ``planning_min_total``,
    ``planning_max_total``, ``planning_first_month``, ``planning_last_month``.
    Three queries, whatever the number of activities."""
    teams = Team.objects.filter(programme=programme)
    if team is not None:
        teams = teams.filter(pk=team.pk)
    activities = (
        Activity.objects.select_related("goal")
        .prefetch_related(Prefetch("cases", queryset=Case.objects.order_by("title")))
        .order_by("order", "pk")
    )
    return list(
        teams.annotate(
            planning_count=Count("activities"),
            planning_undecided=Count(
                "activities", filter=Q(activities__planning_kind=PlanningKind.TBD)
            ),
            planning_doubtful=Count("activities", filter=Q(activities__estimate_doubtful=True)),
            planning_min_total=Sum("activities__estimate_min"),
            planning_max_total=Sum("activities__estimate_max"),
            planning_first_month=Min("activities__start_month"),
            planning_last_month=Max("activities__end_month"),
        )
        .prefetch_related(
            Prefetch("activities", queryset=activities, to_attr="planning_activities")
        )
        .order_by("number")
    )


# -- the planning against the budget periods ----------------------------------------------


class PeriodFit:
    """How an activity's planning stands to a stretch of years (a budget period)."""

    WITHIN = "within"  # its known months lie within the years
    CROSSING = "crossing"  # it touches the years but starts before or runs on after them
    UNKNOWN = "unknown"  # no known start month: ongoing, to be decided, unreadable

    choices = [WITHIN, CROSSING, UNKNOWN]


def period_fit_q(fit: str, *, first_year: int, last_year: int, prefix: str = "") -> Q:
    """The activities that ``fit`` the years ``first_year`` to ``last_year`` (see
    ``PeriodFit``), as a filter; ``prefix`` for a filter across a relation
    (``"activities__"``). An open end ("vanaf jan '22") runs on after every year; the
    months of work still to be decided within a year ("n.n.t.b. 2022") count as known."""
    start, end = f"{prefix}start_month", f"{prefix}end_month"
    if fit == PeriodFit.UNKNOWN:
        return Q(**{f"{start}__isnull": True})
    known = Q(**{f"{start}__isnull": False})
    if fit == PeriodFit.WITHIN:
        return (
            known
            & Q(**{f"{start}__year__gte": first_year})
            & Q(**{f"{end}__isnull": False, f"{end}__year__lte": last_year})
        )
    touches = (
        known
        & Q(**{f"{start}__year__lte": last_year})
        & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__year__gte": first_year}))
    )
    return touches & (
        Q(**{f"{start}__year__lt": first_year})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{end}__year__gt": last_year})
    )


def outside_years_q(years: list[tuple[int, int]], *, prefix: str = "") -> Q:
    """The activities with a known start that touch none of the stretches of ``years``."""
    start, end = f"{prefix}start_month", f"{prefix}end_month"
    q = Q(**{f"{start}__isnull": False})
    for first_year, last_year in years:
        q &= Q(**{f"{start}__year__gt": last_year}) | Q(**{f"{end}__year__lt": first_year})
    return q


def estimate_missing_q(prefix: str = "") -> Q:
    """The activities without an estimated amount (whatever their estimate text says)."""
    return Q(**{f"{prefix}estimate_min__isnull": True})
