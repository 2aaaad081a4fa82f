"""Reads of the events: one event, the programme's, a team's and a case's events."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases.models import Case
from events.models import Event
from teams.models import Programme, Team


def event_get(*, programme: Programme, slug: str) -> Event:
    """One event of the programme; 404 if there is none."""
    return get_object_or_404(Event, programme=programme, slug=slug)


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
