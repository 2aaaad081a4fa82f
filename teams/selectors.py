"""Reads of the programme and its teams: the teams, their goals and planning, open points, events.

The programme-wide reads (open points, events) live here because the programme is a
model of this app; budget reads are in ``budgets.selectors``.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from activities.models import Activity, PlanningKind
from budgets.models import BudgetLine
from citydeal.seed import PROGRAMME_SLUG
from events.models import Event
from partners.models import RelatedProgramme
from teams.models import Goal, Programme, Team

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


def programme_current() -> Programme:
    """The programme the portal shows (``PORTAL_PROGRAMME``, default the CDOR); 404 if absent."""
    slug = getattr(settings, "PORTAL_PROGRAMME", PROGRAMME_SLUG)
    return get_object_or_404(Programme, slug=slug)


def _count_per_team(queryset: QuerySet) -> Coalesce:
    counts = (
        queryset.filter(team=OuterRef("pk"))
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def team_list(*, programme: Programme) -> list[Team]:
    """The programme's teams in number order, with leads, budget lines and counts. Three queries."""
    return list(
        Team.objects.filter(programme=programme)
        .annotate(
            goal_count=_count_per_team(Goal.objects.all()),
            activity_count=_count_per_team(Activity.objects.all()),
            related_programme_count=_count_per_team(RelatedProgramme.objects.all()),
        )
        .prefetch_related(
            "leads",
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("period").order_by("period__start_year"),
            ),
        )
        .order_by("number")
    )


def team_get(*, programme: Programme, number: int) -> Team:
    """The team with this number in the programme; 404 if there is none."""
    return get_object_or_404(
        Team.objects.select_related("programme"), programme=programme, number=number
    )


def team_goals(*, team: Team) -> list[Goal]:
    """The team's goals (doelstellingen / werkgroepen) in the plan's order."""
    return list(team.goals.order_by("order"))


def team_activities(*, team: Team) -> list[Activity]:
    """The team's planning table in the plan's order, each marked with its open points.

    Sets ``is_open`` on each activity: planning, estimate or responsible still undecided.
    """
    activities = list(team.activities.select_related("goal").order_by("order"))
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


def _event_end(event: Event) -> datetime.date:
    """The last day an event can fall on: the end of its month when only the month is known."""
    if event.date_precision == "month":
        next_month = (event.date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return next_month - datetime.timedelta(days=1)
    return event.date


@dataclass(frozen=True)
class EventSplit:
    upcoming: list[Event]
    past: list[Event]


def programme_events(*, programme: Programme, today: datetime.date | None = None) -> EventSplit:
    """The programme's events, upcoming (soonest first) and past (latest first). Two queries."""
    today = today or timezone.localdate()
    events = list(
        Event.objects.filter(programme=programme)
        .prefetch_related("teams")
        .order_by("date", "title")
    )
    upcoming = [e for e in events if _event_end(e) >= today]
    past = [e for e in reversed(events) if _event_end(e) < today]
    return EventSplit(upcoming=upcoming, past=past)


def team_events(*, team: Team) -> list[Event]:
    """The team's events in date order. One query."""
    return list(team.events.order_by("date", "title"))


def goal_get(*, team: Team, pk: int) -> Goal:
    """One goal of the team; 404 if the team has no goal with this key."""
    return get_object_or_404(Goal.objects.select_related("team"), team=team, pk=pk)
