"""Reads of the workshops: the slots with their free places, the bookings a user may see,
what waits for a team, a case's bookings and the requests for help.

Every function runs a fixed number of queries, whatever the rows: the places are counted
in the database (``Count`` with a filter), never per slot.
"""

import datetime

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases.models import Case
from citydeal.months import first_per_month, next_month
from citydeal.verdicts import (
    active,
    has_any_role,
    is_core_team,
    is_director,
    led_team_ids,
    owned_case_ids,
)
from events.models import Event
from teams.models import Team
from workshops.constants import (
    ACTIVE_STATES,
    PENDING_STATES,
    BookingState,
    HelpRequestState,
    SlotState,
)
from workshops.models import Booking, BookingTransition, CalendarFeed, HelpRequest, WorkshopSlot


def slots_with_places(queryset: QuerySet[WorkshopSlot] | None = None) -> QuerySet[WorkshopSlot]:
    """Slots with ``confirmed_count``, ``waiting_count``, ``requested_count`` and
    ``places_left`` (never below 0) annotated, and their team loaded."""
    queryset = WorkshopSlot.objects.all() if queryset is None else queryset
    return queryset.select_related("team", "goal", "activity").annotate(
        confirmed_count=Count("bookings", filter=Q(bookings__state=BookingState.CONFIRMED)),
        waiting_count=Count("bookings", filter=Q(bookings__state=BookingState.WAITING)),
        requested_count=Count("bookings", filter=Q(bookings__state=BookingState.REQUESTED)),
        places_left=Greatest(
            F("capacity") - Count("bookings", filter=Q(bookings__state=BookingState.CONFIRMED)),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def slots_filtered(
    *,
    programme=None,
    team=None,
    topic: str = "",
    start_after: datetime.datetime | datetime.date | None = None,
    start_before: datetime.datetime | datetime.date | None = None,
    has_places: bool | None = None,
    include_cancelled: bool = True,
) -> QuerySet[WorkshopSlot]:
    """The slots, filtered in the database, in time order."""
    queryset = slots_with_places()
    if programme is not None:
        queryset = queryset.filter(team__programme=programme)
    if team is not None:
        queryset = queryset.filter(team=team)
    if topic:
        queryset = queryset.filter(topic__iexact=topic)
    if start_after is not None:
        queryset = queryset.filter(start__gte=start_after)
    if start_before is not None:
        queryset = queryset.filter(start__lt=start_before)
    if not include_cancelled:
        queryset = queryset.filter(state=SlotState.PUBLISHED)
    if has_places is True:
        queryset = queryset.filter(state=SlotState.PUBLISHED, places_left__gt=0)
    elif has_places is False:
        queryset = queryset.filter(Q(places_left=0) | Q(state=SlotState.CANCELLED))
    return queryset.order_by("start", "pk")


def upcoming_slots(*, programme=None, now: datetime.datetime | None = None):
    """The slots that have not ended, scheduled ones only, in time order."""
    now = now or timezone.now()
    return slots_filtered(programme=programme, include_cancelled=False).filter(end__gt=now)


def slot_topics(*, programme=None) -> list[str]:
    """The topics slots have, for a filter's choices (one query)."""
    queryset = WorkshopSlot.objects.all()
    if programme is not None:
        queryset = queryset.filter(team__programme=programme)
    # order_by(): the model's ordering would put start and id into the DISTINCT.
    topics = queryset.order_by().values_list("topic", flat=True).distinct()
    return sorted(set(topics), key=str.lower)


def bookings_visible(user) -> QuerySet[Booking]:
    """The bookings ``user`` may see (the rule of ``can_view_booking``), with the slot, its
    team, the case and the people loaded."""
    queryset = Booking.objects.select_related("slot__team", "case", "requested_by", "decided_by")
    if not active(user):
        return queryset.none()
    if is_core_team(user) or is_director(user):
        return queryset
    return queryset.filter(
        Q(requested_by=user)
        | Q(case__in=owned_case_ids(user))
        | Q(slot__team__in=led_team_ids(user))
    )


def bookings_filtered(
    user, *, slot=None, case=None, team=None, state: str = ""
) -> QuerySet[Booking]:
    queryset = bookings_visible(user)
    if slot is not None:
        queryset = queryset.filter(slot=slot)
    if case is not None:
        queryset = queryset.filter(case=case)
    if team is not None:
        queryset = queryset.filter(slot__team=team)
    if state:
        queryset = queryset.filter(state=state)
    return queryset


def booking_trail(booking) -> QuerySet[BookingTransition]:
    return booking.transitions.select_related("by").order_by("at", "pk")


def bookings_waiting_for_team(team) -> QuerySet[Booking]:
    """The requests (and the waiting list) of ``team``'s slots that have not begun, oldest
    first: what the team lead answers."""
    return (
        Booking.objects.filter(
            slot__team=team,
            state__in=PENDING_STATES,
            slot__state=SlotState.PUBLISHED,
            slot__start__gt=timezone.now(),
        )
        .select_related("slot__team", "case", "requested_by")
        .order_by("created", "pk")
    )


def case_bookings(case) -> QuerySet[Booking]:
    """A case's bookings, the soonest workshop first."""
    return (
        Booking.objects.filter(case=case)
        .select_related("slot__team", "requested_by", "decided_by")
        .order_by("-slot__start", "-pk")
    )


def case_active_booking_by_slot(case_ids, slot_ids) -> dict[tuple[int, int], Booking]:
    """The active booking of each (case, slot) pair among ``case_ids`` and ``slot_ids``,
    for a page that shows per slot what the user's cases have (one query)."""
    bookings = Booking.objects.filter(
        case__in=case_ids, slot__in=slot_ids, state__in=ACTIVE_STATES
    ).only("pk", "case_id", "slot_id", "state")
    return {(booking.case_id, booking.slot_id): booking for booking in bookings}


def help_requests_visible(user) -> QuerySet[HelpRequest]:
    """Requests for help: every user with a role sees them (they are the programme's open
    questions); loaded with team, case, slot and the people."""
    queryset = HelpRequest.objects.select_related(
        "team", "case", "slot", "created_by", "answered_by"
    )
    return queryset if has_any_role(user) else queryset.none()


def open_help_requests_for_team(team) -> QuerySet[HelpRequest]:
    """A team's open requests for help, oldest first."""
    return (
        HelpRequest.objects.filter(team=team, state=HelpRequestState.OPEN)
        .select_related("team", "case", "created_by")
        .order_by("created", "pk")
    )


def slot_get(*, pk: int) -> WorkshopSlot:
    """One slot with its places counted and its team, goal and activity; 404 if none."""
    return get_object_or_404(slots_with_places(), pk=pk)


def slot_open_for_requests(slot: WorkshopSlot, *, now: datetime.datetime | None = None) -> bool:
    """Whether cases can still ask for a place (the service's rule, for the page's form):
    scheduled, not begun, and the last day for requests not past."""
    now = now or timezone.now()
    if slot.cancelled or slot.start <= now:
        return False
    return not (slot.request_deadline and timezone.localdate(now) > slot.request_deadline)


def cases_for_requester(user, *, programme) -> QuerySet[Case]:
    """The cases ``user`` may ask places and help for: the own cases; every case of the
    programme for the core team. By title."""
    cases = Case.objects.filter(programme=programme).order_by("title", "pk")
    if is_core_team(user):
        return cases
    return cases.filter(pk__in=owned_case_ids(user))


def teams_for_publisher(user, *, programme) -> QuerySet[Team]:
    """The teams ``user`` may publish workshops for: the led ones; every team for the core
    team. In number order."""
    teams = Team.objects.filter(programme=programme).order_by("number")
    if is_core_team(user):
        return teams
    return teams.filter(pk__in=led_team_ids(user))


def upcoming_team_slots(team, *, limit: int, now: datetime.datetime | None = None):
    """The team's scheduled slots that have not ended, soonest first, the first ``limit``
    (one query)."""
    now = now or timezone.now()
    return list(slots_filtered(team=team, include_cancelled=False).filter(end__gt=now)[:limit])


def agenda_slots(
    *,
    programme,
    team_number: int | None = None,
    topic: str = "",
    month: datetime.date | None = None,
    upcoming: bool = True,
    now: datetime.datetime | None = None,
) -> QuerySet[WorkshopSlot]:
    """The agenda's slots: scheduled ones that have not ended (``upcoming``), or those that
    have (latest first); of one team (by number), one topic, one month (local time)."""
    now = now or timezone.now()
    slots = slots_filtered(programme=programme, topic=topic, include_cancelled=False)
    if team_number is not None:
        slots = slots.filter(team__number=team_number)
    if month is not None:
        slots = slots.filter(
            start__gte=_month_start(month), start__lt=_month_start(next_month(month))
        )
    if upcoming:
        return slots.filter(end__gt=now)
    return slots.filter(end__lte=now).order_by("-start", "-pk")


def _month_start(month: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(month.year, month.month, 1))


def agenda_slot_months(*, programme, now: datetime.datetime | None = None) -> list[datetime.date]:
    """The months (first days, local time) that have upcoming scheduled slots (one query)."""
    now = now or timezone.now()
    months = (
        slots_filtered(programme=programme, include_cancelled=False)
        .filter(end__gt=now)
        .annotate(month=TruncMonth("start"))
        .order_by()
        .values_list("month", flat=True)
        .distinct()
    )
    return sorted(
        {timezone.localtime(m).date() if isinstance(m, datetime.datetime) else m for m in months}
    )


def case_open_help_requests(case, *, limit: int) -> list[HelpRequest]:
    """The case's open requests for help, oldest first, the first ``limit`` (one query)."""
    return list(
        HelpRequest.objects.filter(case=case, state=HelpRequestState.OPEN)
        .select_related("team")
        .order_by("created", "pk")[:limit]
    )


# -- calendar feeds ---------------------------------------------------------------------

# The bookings a calendar shows: the confirmed and held ones, and those that were once
# confirmed and then were cancelled or not held (they stay, marked cancelled).
FEED_BOOKING_STATES = (
    BookingState.CONFIRMED,
    BookingState.HELD,
    BookingState.NOT_HELD,
    BookingState.CANCELLED,
)


def _history_count(model) -> Coalesce:
    """The number of history records of each row: a calendar's SEQUENCE, which grows with
    every change."""
    records = (
        model.history.model.objects.filter(id=OuterRef("pk"))
        .order_by()
        .values("id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(records, output_field=IntegerField()), Value(0))


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The feed with this token and its user, or None (one query)."""
    return CalendarFeed.objects.select_related("user").filter(token=token).first()


def calendar_feed_of(user) -> CalendarFeed | None:
    """The user's own feed, if one was made."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_teams_for(user, *, programme) -> QuerySet[Team]:
    """The teams whose calendar the feeds page offers: the teams the user leads; every
    team of the programme for the core team and directors."""
    if is_core_team(user) or is_director(user):
        return Team.objects.filter(programme=programme).order_by("number")
    return Team.objects.filter(pk__in=led_team_ids(user)).order_by("programme", "number")


def calendar_cases_for(user, *, programme) -> QuerySet[Case]:
    """The cases whose calendar the feeds page offers: the user's own cases; every case
    of the programme for the core team and directors."""
    queryset = Case.objects.only("pk", "title", "programme_id").order_by("title", "pk")
    if is_core_team(user) or is_director(user):
        return queryset.filter(programme=programme)
    return queryset.filter(pk__in=owned_case_ids(user))


def feed_bookings(*, case_ids) -> QuerySet[Booking]:
    """The bookings of these cases that a calendar shows, with slot, team and case, and
    ``sequence``: the slot's changes plus the booking's steps (one query)."""
    once_confirmed = BookingTransition.objects.filter(
        booking=OuterRef("pk"), to_state=BookingState.CONFIRMED
    )
    steps = (
        BookingTransition.objects.filter(booking=OuterRef("pk"))
        .order_by()
        .values("booking")
        .annotate(n=Count("*"))
        .values("n")
    )
    slot_changes = (
        WorkshopSlot.history.model.objects.filter(id=OuterRef("slot_id"))
        .order_by()
        .values("id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        Booking.objects.filter(case__in=case_ids, state__in=FEED_BOOKING_STATES)
        .filter(~Q(state=BookingState.CANCELLED) | Exists(once_confirmed))
        .select_related("slot__team", "case")
        .annotate(
            sequence=Coalesce(Subquery(steps, output_field=IntegerField()), Value(0))
            + Coalesce(Subquery(slot_changes, output_field=IntegerField()), Value(0))
        )
        .order_by("slot__start", "pk")
    )


def feed_slots(*, team_ids) -> QuerySet[WorkshopSlot]:
    """The slots of these teams, scheduled and cancelled, with their places counted and
    ``sequence`` (the number of changes; one query)."""
    return (
        slots_with_places(WorkshopSlot.objects.filter(team__in=team_ids))
        .annotate(sequence=_history_count(WorkshopSlot))
        .order_by("start", "pk")
    )


def feed_events(*, programme=None, team=None, case=None) -> QuerySet[Event]:
    """The programme's events (or those with this team or case), with ``sequence``."""
    queryset = Event.objects.all()
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if team is not None:
        queryset = queryset.filter(teams=team)
    if case is not None:
        queryset = queryset.filter(cases=case)
    return queryset.annotate(sequence=_history_count(Event)).order_by("date", "pk")


def timeline_slots(
    *,
    programme,
    team=None,
    start_after: datetime.datetime,
    start_before: datetime.datetime,
    per_month: int,
) -> list[WorkshopSlot]:
    """The scheduled slots from ``start_after`` to ``start_before``, in time order, as the
    timeline's milestones: at most ``per_month`` a month, each with ``in_month`` and its
    team (one query)."""
    rows = WorkshopSlot.objects.filter(
        team__programme=programme,
        state=SlotState.PUBLISHED,
        start__gte=start_after,
        start__lt=start_before,
    )
    if team is not None:
        rows = rows.filter(team=team)
    rows = rows.select_related("team").order_by("start", "pk")
    return list(first_per_month(rows, "start", per_month=per_month))
