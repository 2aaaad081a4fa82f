"""Reads of the events: one event, the programme's, a team's and a case's events."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases.models import Case
from citydeal.months import first_per_month, next_month
from events.models import DatePrecision, Event
from teams.models import Programme, Team


def event_get(*, programme: Programme, slug: str) -> Event:
    """One event of the programme; 404 if there is none."""
    return get_object_or_404(Event, programme=programme, slug=slug)


@dataclass(frozen=True)
class EventSplit:
    upcoming: list[Event]
    past: list[Event]


def _upcoming_q(today: datetime.date) -> Q:
    """Events not over yet: from today on, or in this month when only the month is known
    (such an event lasts until the end of its month)."""
    return Q(date__gte=today) | Q(
        date_precision=DatePrecision.MONTH, date__gte=today.replace(day=1)
    )


def programme_events(
    *, programme: Programme, today: datetime.date | None = None, limit: int | None = None
) -> EventSplit:
    """The programme's events, upcoming (soonest first) and past (latest first), the first
    ``limit`` of each. Three queries: each half, and the teams of both."""
    today = today or timezone.localdate()
    events = Event.objects.filter(programme=programme)
    upcoming = events.filter(_upcoming_q(today)).order_by("date", "title", "pk")
    past = events.exclude(_upcoming_q(today)).order_by("-date", "title", "pk")
    if limit is not None:
        upcoming, past = upcoming[:limit], past[:limit]
    split = EventSplit(upcoming=list(upcoming), past=list(past))
    prefetch_related_objects([*split.upcoming, *split.past], "teams")
    return split


def event_rows(
    *, programme: Programme, team_number: int | None = None, kind: str = "", search: str = ""
) -> QuerySet[Event]:
    """The programme's events, the latest first, with their teams (one query more);
    ``team_number`` narrows them to one team's, ``kind`` to one kind, ``search`` to those
    with the words in the title. For a paged list."""
    events = Event.objects.filter(programme=programme)
    if team_number is not None:
        events = events.filter(teams__number=team_number)
    if kind:
        events = events.filter(kind=kind)
    if search:
        events = events.filter(title__icontains=search)
    return events.prefetch_related("teams").order_by("-date", "title", "pk")


def team_events(*, team: Team, limit: int | None = None) -> list[Event]:
    """The team's events, the latest first (the first ``limit``). One query."""
    events = team.events.order_by("-date", "title", "pk")
    return list(events if limit is None else events[:limit])


def case_events(*, case: Case) -> list[Event]:
    """The events (workshops, ateliers) that concern the case, in date order."""
    return list(case.events.prefetch_related("teams").order_by("date", "title"))


def agenda_events(
    *,
    programme: Programme,
    team_number: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    past: bool = False,
    today: datetime.date | None = None,
    limit: int,
) -> list[Event]:
    """The events of the agenda ("Who helps when"): those not over yet in date order, or
    with ``past`` those that are, the latest first; of one team (by number), from
    ``since`` and before ``until``; the first ``limit``, with their teams. Two queries."""
    today = today or timezone.localdate()
    events = Event.objects.filter(programme=programme)
    if past:
        events = events.exclude(_upcoming_q(today)).order_by("-date", "title", "pk")
    else:
        events = events.filter(_upcoming_q(today)).order_by("date", "title", "pk")
    if team_number is not None:
        events = events.filter(teams__number=team_number)
    if since is not None:
        events = events.filter(date__gte=since)
    if until is not None:
        events = events.filter(date__lt=until)
    return list(events.prefetch_related("teams")[:limit])


def agenda_event_months(*, programme: Programme, today: datetime.date | None = None):
    """The months (first days) that have events not over yet. One query."""
    today = today or timezone.localdate()
    events = Event.objects.filter(programme=programme).filter(_upcoming_q(today))
    return list(events.dates("date", "month"))


def timeline_events(
    *, programme: Programme, first: datetime.date, last: datetime.date, per_month: int
) -> list[Event]:
    """The programme's events from ``first`` up to the end of the month ``last``, by date,
    as the timeline's milestones: at most ``per_month`` a month, each with ``in_month``
    (one query)."""
    end = next_month(last)
    rows = Event.objects.filter(programme=programme, date__gte=first, date__lt=end).order_by(
        "date", "pk"
    )
    return list(first_per_month(rows, "date", per_month=per_month))
