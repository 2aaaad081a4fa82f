"""Reads of the activities: one activity, a team's or a case's planning, the open points."""

from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

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


def activity_get(*, programme: Programme, pk: int) -> Activity:
    """One activity of the programme with its team, goal and cases; 404 if there is none."""
    return get_object_or_404(
        Activity.objects.select_related("team", "goal").prefetch_related(
            Prefetch("cases", queryset=Case.objects.order_by("title"))
        ),
        pk=pk,
        team__programme=programme,
    )


def team_activity_rows(*, team: Team, search: str = "", status: str = "") -> QuerySet[Activity]:
    """The team's planning in the plan's order, with its goal; ``search`` in the title,
    explanation or responsible, ``status`` one of ``ActivityStatus``. For a paged list."""
    rows = team.activities.select_related("goal").order_by("order", "pk")
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
