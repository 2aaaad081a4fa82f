"""Every write of the workshops: one function each, owning its transaction.

Each step locks what it counts on, asks the rule (``PermissionDenied`` with the reason),
asks the table of steps and the slot's room (``BookingConflict``: the API's 409 with
``state``, ``slot_full``, ``overlap`` or ``deadline``), checks its input
(``ValidationError`` naming the field), writes the trail row and queues the mail with it.
Pages, the API, the admin and commands all call these; none of them saves a slot or a
booking itself.

Never over capacity, never twice at once: every step that can fill a place locks the
slot's row first and then the case's, in that order, and only then counts. Two
confirmations of one slot run one after the other, and so do two confirmations of one
case in different slots; on SQLite the connection takes the write lock at BEGIN.

The waiting list: when the last place is confirmed, the other requests move to the
waiting list; a new request on a full slot joins it when the case asks so. When a place
frees (a confirmed booking is cancelled, the capacity grows), the first on the list move
up to requested, and the team confirms them as any request.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from activities.models import Activity
from cases.models import Case
from citydeal.services import assign, ensure_allowed
from citydeal.tasks import enqueue_with_transaction
from citydeal.validators import clean_text
from teams.models import Goal, Team
from workshops.constants import (
    ACTIVE_STATES,
    NOTE_MAX_LENGTH,
    NOTE_REQUIRED,
    REMINDER_DAYS,
    BookingAction,
    BookingState,
    HelpRequestState,
    SlotState,
    target_state,
)
from workshops.exceptions import BookingConflict, slot_cancelled, transition_refused
from workshops.models import Booking, BookingTransition, CalendarFeed, HelpRequest, WorkshopSlot
from workshops.permissions import (
    can_answer_help,
    can_ask_help,
    can_cancel_booking,
    can_close_help,
    can_decide_booking,
    can_edit_slot,
    can_publish_slot,
    can_report_booking,
    can_request_booking,
)

__all__ = [
    "BookingConflict",
    "booking_cancel",
    "booking_confirm",
    "booking_decline",
    "booking_mark_held",
    "booking_mark_not_held",
    "booking_reminders_send",
    "booking_request",
    "calendar_feed_get",
    "calendar_feed_renew",
    "help_request_answer",
    "help_request_close",
    "help_request_create",
    "slot_cancel",
    "slot_create",
    "slot_update",
]

_UNCHANGED: Any = object()

# What a slot's confirmed bookings hear of when it changes.
_NOTIFIED_FIELDS = ("title", "start", "end", "location")


# -- input ------------------------------------------------------------------------------


def _clean_note(note, *, action: BookingAction, field: str = "note") -> str:
    note = clean_text(note, field=field, required=False, max_length=NOTE_MAX_LENGTH)
    if action in NOTE_REQUIRED and not note:
        raise ValidationError(
            {field: _("Give a reason: the other side reads it in the mail and the trail.")},
            code="required",
        )
    return note


def _clean_moment(value, *, field: str) -> datetime.datetime:
    if not isinstance(value, datetime.datetime):
        raise ValidationError({field: _("Enter a date and time.")}, code="invalid")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)  # the portal's time zone, Europe/Amsterdam
    return value


def _clean_capacity(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise ValidationError(
            {"capacity": _("Enter a number of places from 1 to 1000.")}, code="invalid"
        )
    return value


# A slot's texts: (longest, one line).
_SLOT_TEXTS = {
    "title": (200, True),
    "topic": (100, True),
    "location": (300, True),
    "description": (None, False),
}


def _clean_slot_text(name: str, value) -> str:
    max_length, one_line = _SLOT_TEXTS[name]
    return clean_text(
        value,
        field=name,
        required=name != "description",
        max_length=max_length,
        multiline=not one_line,
    )


def _clean_slot_value(name: str, value):
    """A slot's field as the services take it: texts, moments and the capacity checked,
    links as they are."""
    if name in _SLOT_TEXTS:
        return _clean_slot_text(name, value)
    if name in ("start", "end"):
        return _clean_moment(value, field=name)
    if name == "capacity":
        return _clean_capacity(value)
    return value


def _full_clean(obj) -> None:
    obj.full_clean(
        exclude=["created_by", "requested_by", "decided_by", "answered_by", "team", "case"]
    )


# -- locks, the trail and the mail ------------------------------------------------------


def _lock_slot(slot_id: int) -> WorkshopSlot:
    return (
        WorkshopSlot.objects.select_for_update(of=("self",)).select_related("team").get(pk=slot_id)
    )


def _lock_booking(booking_id: int) -> tuple[Booking, WorkshopSlot]:
    """The booking and its slot, both locked: the slot first, as every step does."""
    slot_id = Booking.objects.values_list("slot_id", flat=True).get(pk=booking_id)
    slot = _lock_slot(slot_id)
    booking = (
        Booking.objects.select_for_update(of=("self",)).select_related("case").get(pk=booking_id)
    )
    booking.slot = slot
    return booking, slot


def _lock_case(case_id: int) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


def _step(booking: Booking, *, action: BookingAction, by: User, note: str) -> BookingTransition:
    target = target_state(booking.state, action)
    if target is None:
        raise transition_refused(state=booking.state, action=action)
    step = BookingTransition(
        booking=booking, by=by, from_state=booking.state, to_state=target, note=note
    )
    booking.state = target
    booking.save()
    step.save()
    _queue_step_mail(step)
    return step


def _queue_step_mail(step: BookingTransition) -> None:
    from workshops.tasks import send_booking_step_mail

    enqueue_with_transaction(send_booking_step_mail, model=BookingTransition, step_id=step.pk)


def _ensure_transition(booking: Booking, action: BookingAction) -> None:
    if target_state(booking.state, action) is None:
        raise transition_refused(state=booking.state, action=action)


def _confirmed(slot: WorkshopSlot):
    return Booking.objects.filter(slot=slot, state=BookingState.CONFIRMED)


def _places_left(slot: WorkshopSlot) -> int:
    return max(0, slot.capacity - _confirmed(slot).count())


def _slot_full(slot: WorkshopSlot) -> BookingConflict:
    return BookingConflict(
        _(
            "The workshop '%(slot)s' is full: all %(capacity)d places are confirmed. "
            "The case can join the waiting list."
        )
        % {"slot": slot.title, "capacity": slot.capacity},
        code="slot_full",
    )


def _ensure_no_overlap(*, case: Case, slot: WorkshopSlot, exclude_booking: int | None) -> None:
    """Refuses when ``case`` has another confirmed booking at a time that overlaps
    ``slot``'s. Call with the case locked."""
    clash = (
        Booking.objects.filter(
            case=case,
            state=BookingState.CONFIRMED,
            slot__start__lt=slot.end,
            slot__end__gt=slot.start,
        )
        .exclude(pk=exclude_booking)
        .exclude(slot=slot)
        .select_related("slot")
        .first()
    )
    if clash is not None:
        raise BookingConflict(
            _(
                "The case '%(case)s' already has a confirmed workshop at that time: "
                "'%(other)s' (%(start)s-%(end)s)."
            )
            % {
                "case": case,
                "other": clash.slot.title,
                "start": timezone.localtime(clash.slot.start).strftime("%d-%m-%Y %H:%M"),
                "end": timezone.localtime(clash.slot.end).strftime("%H:%M"),
            },
            code="overlap",
            booking=str(clash.pk),
        )


def _fill_waiting_list(slot: WorkshopSlot, *, by: User) -> None:
    """When the slot is full, the open requests wait; when places are free, the first on
    the waiting list move up. Call with the slot locked."""
    left = _places_left(slot)
    if left == 0:
        for booking in Booking.objects.filter(slot=slot, state=BookingState.REQUESTED):
            _step(
                booking,
                action=BookingAction.WAIT,
                by=by,
                note=_("The workshop is full; the request waits for a free place."),
            )
        return
    waiting = Booking.objects.filter(slot=slot, state=BookingState.WAITING).order_by(
        "created", "pk"
    )
    for booking in waiting[:left]:
        _step(
            booking,
            action=BookingAction.MOVE_UP,
            by=by,
            note=_("A place became free; the team will answer the request."),
        )


# -- slots ------------------------------------------------------------------------------


def _ensure_future(start: datetime.datetime) -> None:
    if start <= timezone.now():
        raise ValidationError({"start": _("The start must lie in the future.")}, code="past")


def _check_links(*, team: Team, goal: Goal | None, activity: Activity | None) -> None:
    errors = {}
    if goal is not None and goal.team_id != team.pk:
        errors["goal"] = _("The goal must be one of the team's (%(team)s).") % {"team": team}
    if activity is not None and activity.team_id != team.pk:
        errors["activity"] = _("The activity must be one of the team's (%(team)s).") % {
            "team": team
        }
    if errors:
        raise ValidationError(errors)


def _new_slot(
    *,
    by: User,
    team: Team,
    title: str,
    topic: str,
    start: datetime.datetime,
    end: datetime.datetime,
    location: str,
    capacity: int,
    description: str = "",
    goal: Goal | None = None,
    activity: Activity | None = None,
    request_deadline: datetime.date | None = None,
) -> WorkshopSlot:
    ensure_allowed(can_publish_slot(by, team))
    start = _clean_moment(start, field="start")
    end = _clean_moment(end, field="end")
    _ensure_future(start)
    _check_links(team=team, goal=goal, activity=activity)
    slot = WorkshopSlot(
        team=team,
        title=_clean_slot_text("title", title),
        topic=_clean_slot_text("topic", topic),
        goal=goal,
        activity=activity,
        start=start,
        end=end,
        location=_clean_slot_text("location", location),
        capacity=_clean_capacity(capacity),
        description=_clean_slot_text("description", description),
        request_deadline=request_deadline,
        state=SlotState.PUBLISHED,
        created_by=by,
    )
    _full_clean(slot)
    slot.save()
    return slot


@transaction.atomic
def slot_create(*, by: User, team: Team, **fields) -> WorkshopSlot:
    """Publishes a workshop slot of ``team``: its team lead or the core team. Keywords:
    title, topic, start, end (aware or in Europe/Amsterdam), location, capacity (1 or
    more), and optionally description, goal, activity (the team's) and request_deadline
    (a date, not after the workshop's day).

    Raises PermissionDenied, or ValidationError naming the field.
    """
    return _new_slot(by=by, team=team, **fields)


@transaction.atomic
def slot_update(
    *,
    slot_id: int,
    by: User,
    title: str = _UNCHANGED,
    topic: str = _UNCHANGED,
    start: datetime.datetime = _UNCHANGED,
    end: datetime.datetime = _UNCHANGED,
    location: str = _UNCHANGED,
    capacity: int = _UNCHANGED,
    description: str = _UNCHANGED,
    goal: Goal | None = _UNCHANGED,
    activity: Activity | None = _UNCHANGED,
    request_deadline: datetime.date | None = _UNCHANGED,
) -> WorkshopSlot:
    """Changes a scheduled slot; its team lead or the core team. Fields not passed stay.

    The capacity never drops below the confirmed bookings; a new time must not make a
    confirmed case be in two workshops at once. The confirmed cases are mailed when the
    title, time or place changes; places that a larger capacity frees go to the waiting
    list.

    Raises PermissionDenied, BookingConflict (``state`` for a cancelled slot,
    ``overlap``), or ValidationError naming the field.
    """
    slot = _lock_slot(slot_id)
    ensure_allowed(can_edit_slot(by, slot))
    if slot.cancelled:
        raise slot_cancelled()
    before = {name: getattr(slot, name) for name in _NOTIFIED_FIELDS}
    given = {
        "title": title,
        "topic": topic,
        "start": start,
        "end": end,
        "location": location,
        "capacity": capacity,
        "description": description,
        "goal": goal,
        "activity": activity,
        "request_deadline": request_deadline,
    }
    values = {
        name: _clean_slot_value(name, value)
        for name, value in given.items()
        if value is not _UNCHANGED
    }
    if not assign(slot, **values):
        return slot
    if "start" in values and slot.start != before["start"]:
        _ensure_future(slot.start)
    _check_links(team=slot.team, goal=slot.goal, activity=slot.activity)
    _full_clean(slot)
    confirmed = list(_confirmed(slot).select_related("case").order_by("case_id", "pk"))
    if slot.capacity < len(confirmed):
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d cases are confirmed already: the capacity cannot be lower."
                )
                % {"count": len(confirmed)}
            },
            code="below_confirmed",
        )
    moved = (slot.start, slot.end) != (before["start"], before["end"])
    if moved:
        for booking in confirmed:
            _ensure_no_overlap(
                case=_lock_case(booking.case_id), slot=slot, exclude_booking=booking.pk
            )
    slot.save()
    _fill_waiting_list(slot, by=by)
    changed = [name for name in _NOTIFIED_FIELDS if getattr(slot, name) != before[name]]
    if confirmed and changed:
        from workshops.tasks import send_slot_changed_mail

        enqueue_with_transaction(
            send_slot_changed_mail,
            model=WorkshopSlot,
            slot_id=slot.pk,
            booking_ids=[booking.pk for booking in confirmed],
            changed=changed,
        )
    return slot


@transaction.atomic
def slot_cancel(*, slot_id: int, by: User, reason: str) -> WorkshopSlot:
    """Cancels a slot with a reason; its team lead or the core team. Every booking that
    is still requested, waiting or confirmed is cancelled with the same reason (and its
    case is mailed).

    Raises PermissionDenied, BookingConflict (``state``: cancelled already), or
    ValidationError on reason.
    """
    slot = _lock_slot(slot_id)
    ensure_allowed(can_edit_slot(by, slot))
    if slot.cancelled:
        raise slot_cancelled()
    reason = _clean_note(reason, action=BookingAction.CANCEL, field="reason")
    slot.state = SlotState.CANCELLED
    slot.cancel_reason = reason
    slot.save()
    note = _("The workshop was cancelled: %(reason)s") % {"reason": reason}
    for booking in Booking.objects.filter(slot=slot, state__in=ACTIVE_STATES).order_by("pk"):
        booking.slot = slot
        _step(booking, action=BookingAction.CANCEL, by=by, note=note)
    return slot


# -- bookings ---------------------------------------------------------------------------


def _ensure_open_for_requests(slot: WorkshopSlot) -> None:
    if slot.cancelled:
        raise slot_cancelled()
    now = timezone.now()
    if slot.start <= now:
        raise BookingConflict(
            _("This workshop has already begun; places can no longer be asked for."),
            code="deadline",
        )
    if slot.request_deadline and timezone.localdate(now) > slot.request_deadline:
        raise BookingConflict(
            _("Requests for this workshop closed on %(date)s.")
            % {"date": slot.request_deadline.strftime("%d-%m-%Y")},
            code="deadline",
        )


@transaction.atomic
def booking_request(
    *, by: User, slot: WorkshopSlot, case: Case, questions: str = "", waiting_list: bool = False
) -> Booking:
    """Asks a place in ``slot`` for ``case``: its case owners, or the core team for any case,
    with the questions the case brings. The team lead is mailed.

    On a full slot the request joins the waiting list when ``waiting_list`` is true, and
    is otherwise refused (``slot_full``).

    Raises PermissionDenied, BookingConflict (``state``: the slot is cancelled or the case
    already has a place or request; ``deadline``; ``slot_full``; ``overlap``: the case
    is confirmed elsewhere at that time), or ValidationError on questions.
    """
    ensure_allowed(can_request_booking(by, case))
    slot = _lock_slot(slot.pk)
    _ensure_open_for_requests(slot)
    if case.programme_id != slot.team.programme_id:
        raise ValidationError({"case": _("The case belongs to another programme.")}, code="invalid")
    questions = clean_text(questions, field="questions", required=False)
    case = _lock_case(case.pk)
    existing = Booking.objects.filter(slot=slot, case=case, state__in=ACTIVE_STATES).first()
    if existing is not None:
        raise BookingConflict(
            _("The case '%(case)s' already has a booking for this workshop (%(state)s).")
            % {"case": case, "state": existing.get_state_display().lower()},
            code="state",
            state=existing.state,
            booking=str(existing.pk),
        )
    _ensure_no_overlap(case=case, slot=slot, exclude_booking=None)
    full = _places_left(slot) == 0
    if full and not waiting_list:
        raise _slot_full(slot)
    state = BookingState.WAITING if full else BookingState.REQUESTED
    booking = Booking(slot=slot, case=case, questions=questions, state=state, requested_by=by)
    booking.save()
    step = BookingTransition.objects.create(
        booking=booking, by=by, from_state="", to_state=state, note=questions
    )
    _queue_step_mail(step)
    return booking


@transaction.atomic
def booking_confirm(*, booking_id: int, by: User, note: str = "") -> Booking:
    """Confirms a requested (or waiting) booking: the team lead of the slot's team or the
    core team, only while the slot has a free place and the case is in no other confirmed
    workshop at that time. When this was the last place, the other requests wait.

    Raises PermissionDenied, BookingConflict (``state``, ``slot_full``, ``overlap``), or
    ValidationError on note.
    """
    booking, slot = _lock_booking(booking_id)
    ensure_allowed(can_decide_booking(by, booking))
    if slot.cancelled:
        raise slot_cancelled()
    _ensure_transition(booking, BookingAction.CONFIRM)
    note = _clean_note(note, action=BookingAction.CONFIRM)
    if _places_left(slot) == 0:
        raise _slot_full(slot)
    _ensure_no_overlap(case=_lock_case(booking.case_id), slot=slot, exclude_booking=booking.pk)
    booking.decided_by = by
    booking.decided_at = timezone.now()
    _step(booking, action=BookingAction.CONFIRM, by=by, note=note)
    _fill_waiting_list(slot, by=by)
    return booking


@transaction.atomic
def booking_decline(*, booking_id: int, by: User, note: str) -> Booking:
    """Declines a requested or waiting booking with a reason: the slot's team lead or the
    core team.

    Raises PermissionDenied, BookingConflict (``state``), or ValidationError on note.
    """
    booking, _slot = _lock_booking(booking_id)
    ensure_allowed(can_decide_booking(by, booking))
    _ensure_transition(booking, BookingAction.DECLINE)
    note = _clean_note(note, action=BookingAction.DECLINE)
    booking.decided_by = by
    booking.decided_at = timezone.now()
    _step(booking, action=BookingAction.DECLINE, by=by, note=note)
    return booking


@transaction.atomic
def booking_cancel(*, booking_id: int, by: User, reason: str) -> Booking:
    """Cancels a booking with a reason: the case's owners, the one who asked, the slot's
    team lead or the core team. A confirmed place that frees goes to the waiting list.

    Raises PermissionDenied, BookingConflict (``state``), or ValidationError on reason.
    """
    booking, slot = _lock_booking(booking_id)
    ensure_allowed(can_cancel_booking(by, booking))
    _ensure_transition(booking, BookingAction.CANCEL)
    reason = _clean_note(reason, action=BookingAction.CANCEL, field="reason")
    was_confirmed = booking.state == BookingState.CONFIRMED
    _step(booking, action=BookingAction.CANCEL, by=by, note=reason)
    if was_confirmed and not slot.cancelled:
        _fill_waiting_list(slot, by=by)
    return booking


def _report(*, booking_id: int, by: User, action: BookingAction, text: str) -> Booking:
    booking, slot = _lock_booking(booking_id)
    ensure_allowed(can_report_booking(by, booking))
    _ensure_transition(booking, action)
    if slot.start > timezone.now():
        raise BookingConflict(
            _("The workshop has not taken place yet: report on it once it has begun."),
            code="state",
            state=booking.state,
        )
    text = clean_text(text, field="report", required=False)
    booking.report = text
    _step(booking, action=action, by=by, note=text)
    return booking


@transaction.atomic
def booking_mark_held(*, booking_id: int, by: User, report: str = "") -> Booking:
    """Marks a confirmed booking held, with a short report, once the workshop has begun:
    the slot's team lead or the core team.

    Raises PermissionDenied, BookingConflict (``state``), or ValidationError on report.
    """
    return _report(booking_id=booking_id, by=by, action=BookingAction.HELD, text=report)


@transaction.atomic
def booking_mark_not_held(*, booking_id: int, by: User, report: str = "") -> Booking:
    """Marks a confirmed booking not held (with why, if given) once the workshop has begun:
    the slot's team lead or the core team.

    Raises PermissionDenied, BookingConflict (``state``), or ValidationError on report.
    """
    return _report(booking_id=booking_id, by=by, action=BookingAction.NOT_HELD, text=report)


def booking_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Queues the reminder of every confirmed booking whose workshop starts within
    ``REMINDER_DAYS`` and that had none yet; the number queued. Run it as often as you
    like (a cron job, the worker's schedule): each booking is reminded once."""
    from workshops.tasks import send_booking_reminder_mail

    now = now or timezone.now()
    due = Booking.objects.filter(
        state=BookingState.CONFIRMED,
        reminder_sent_at__isnull=True,
        slot__start__gt=now,
        slot__start__lte=now + datetime.timedelta(days=REMINDER_DAYS),
    ).values_list("pk", flat=True)
    sent = 0
    for booking_id in list(due):
        with transaction.atomic():
            # Marked under the lock: two runs at once remind once.
            claimed = Booking.objects.filter(pk=booking_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                enqueue_with_transaction(
                    send_booking_reminder_mail, model=Booking, booking_id=booking_id
                )
                sent += 1
    return sent


# -- requests for help ------------------------------------------------------------------


@transaction.atomic
def help_request_create(
    *, by: User, team: Team, case: Case, question: str, when: str = ""
) -> HelpRequest:
    """Asks ``team`` for help for ``case``: its owners, or the core team. The team lead is
    mailed and answers by proposing a workshop (``help_request_answer``).

    Raises PermissionDenied, or ValidationError on question, when or case.
    """
    ensure_allowed(can_ask_help(by, case))
    if case.programme_id != team.programme_id:
        raise ValidationError({"case": _("The case belongs to another programme.")})
    help_request = HelpRequest(
        team=team,
        case=case,
        question=clean_text(question, field="question", required=True),
        when=clean_text(when, field="when", required=False, max_length=100, multiline=False),
        created_by=by,
    )
    _full_clean(help_request)
    help_request.save()
    _queue_help_mail(help_request)
    return help_request


def _queue_help_mail(help_request: HelpRequest) -> None:
    from workshops.tasks import send_help_request_mail

    enqueue_with_transaction(
        send_help_request_mail,
        model=HelpRequest,
        help_request_id=help_request.pk,
        state=help_request.state,
    )


def _lock_help(help_request_id: int) -> HelpRequest:
    return (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("team", "case")
        .get(pk=help_request_id)
    )


def _ensure_open(help_request: HelpRequest) -> None:
    if help_request.state != HelpRequestState.OPEN:
        raise BookingConflict(
            _("This request for help is no longer open (%(state)s).")
            % {"state": help_request.get_state_display().lower()},
            code="state",
            state=help_request.state,
        )


@transaction.atomic
def help_request_answer(
    *, help_request_id: int, by: User, answer: str = "", **slot_fields
) -> WorkshopSlot:
    """Answers an open request for help by publishing a workshop for it (the keywords of
    ``slot_create``, for the request's team); the case's owners are mailed and ask for a
    place as for any workshop. The team lead or the core team.

    Raises PermissionDenied, BookingConflict (``state``: no longer open), or
    ValidationError naming the field.
    """
    help_request = _lock_help(help_request_id)
    ensure_allowed(can_answer_help(by, help_request))
    _ensure_open(help_request)
    answer = clean_text(answer, field="answer", required=False)
    slot = _new_slot(by=by, team=help_request.team, **slot_fields)
    help_request.slot = slot
    help_request.answer = answer
    help_request.answered_by = by
    help_request.answered_at = timezone.now()
    help_request.state = HelpRequestState.ANSWERED
    help_request.save()
    _queue_help_mail(help_request)
    return slot


@transaction.atomic
def help_request_close(*, help_request_id: int, by: User, answer: str = "") -> HelpRequest:
    """Closes an open request for help without a workshop (no longer needed, or the team
    cannot help), with a note: the case's owners, the team lead or the core team.

    Raises PermissionDenied, BookingConflict (``state``), or ValidationError on answer.
    """
    help_request = _lock_help(help_request_id)
    ensure_allowed(can_close_help(by, help_request))
    _ensure_open(help_request)
    help_request.answer = clean_text(answer, field="answer", required=False)
    help_request.answered_by = by
    help_request.answered_at = timezone.now()
    help_request.state = HelpRequestState.CLOSED
    help_request.save()
    _queue_help_mail(help_request)
    return help_request


# -- calendar feeds ---------------------------------------------------------------------


def calendar_feed_get(*, user: User) -> CalendarFeed:
    """The user's private feed, made the first time it is asked for."""
    if not user.is_active:
        raise PermissionDenied(_("An inactive account has no calendar."))
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Gives the user's feed a new token: the old address stops working at once."""
    from workshops.models import new_feed_token

    feed = calendar_feed_get(user=user)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    feed.token = new_feed_token()
    feed.created = timezone.now()
    feed.save()
    return feed
