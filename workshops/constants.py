"""The states of a workshop slot and of a booking, and the table of a booking's steps.

The stored values are the Dutch words of the brief; the labels are translated.
Services ask ``target_state`` and nothing else decides whether a step is possible.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SlotState(models.TextChoices):
    PUBLISHED = "gepland", _("Scheduled")
    # "Cancelled" alone is an activity's ("Vervallen"); a workshop is "Geannuleerd".
    CANCELLED = "geannuleerd", pgettext_lazy("workshop", "Cancelled")


class BookingState(models.TextChoices):
    REQUESTED = "aangevraagd", _("Requested")
    WAITING = "wachtlijst", _("On the waiting list")
    CONFIRMED = "bevestigd", _("Confirmed")
    DECLINED = "afgewezen", _("Declined")
    # "Cancelled" alone is an activity's ("Vervallen"); a workshop is "Geannuleerd".
    CANCELLED = "geannuleerd", pgettext_lazy("workshop", "Cancelled")
    HELD = "gehouden", _("Held")
    NOT_HELD = "niet_gehouden", _("Not held")


class BookingAction(models.TextChoices):
    """The steps of a booking's life cycle; the label reads as a verb."""

    REQUEST = "request", _("request")
    WAIT = "wait", _("put on the waiting list")
    MOVE_UP = "move_up", _("move up from the waiting list")
    CONFIRM = "confirm", _("confirm")
    DECLINE = "decline", _("decline")
    CANCEL = "cancel", _("cancel")
    HELD = "held", _("mark as held")
    NOT_HELD = "not_held", _("mark as not held")


class HelpRequestState(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "beantwoord", _("Answered with a workshop")
    CLOSED = "gesloten", _("Closed")


S = BookingState
A = BookingAction

# (current state, step) -> new state. A step missing here is not possible. A new booking
# starts as requested, or on the waiting list when the slot is full.
TRANSITIONS: dict[tuple[BookingState, BookingAction], BookingState] = {
    (S.REQUESTED, A.CONFIRM): S.CONFIRMED,
    (S.REQUESTED, A.DECLINE): S.DECLINED,
    (S.REQUESTED, A.CANCEL): S.CANCELLED,
    (S.REQUESTED, A.WAIT): S.WAITING,
    (S.WAITING, A.MOVE_UP): S.REQUESTED,
    (S.WAITING, A.CONFIRM): S.CONFIRMED,
    (S.WAITING, A.DECLINE): S.DECLINED,
    (S.WAITING, A.CANCEL): S.CANCELLED,
    (S.CONFIRMED, A.CANCEL): S.CANCELLED,
    (S.CONFIRMED, A.HELD): S.HELD,
    (S.CONFIRMED, A.NOT_HELD): S.NOT_HELD,
}

# A booking in one of these states holds its case's interest in the slot: a case has at
# most one of them per slot.
ACTIVE_STATES = frozenset({S.REQUESTED, S.WAITING, S.CONFIRMED})

# Waiting for the team's answer.
PENDING_STATES = frozenset({S.REQUESTED, S.WAITING})

# Steps that need a reason in the note.
NOTE_REQUIRED = frozenset({A.DECLINE, A.CANCEL})

NOTE_MAX_LENGTH = 4000

# A reminder goes out this long before the workshop starts.
REMINDER_DAYS = 2

_STATES = frozenset(BookingState.values)
_ACTIONS = frozenset(BookingAction.values)


def target_state(state: str, action: str) -> BookingState | None:
    """The state the step leads to from ``state``, or None when the table does not allow it."""
    if state not in _STATES or action not in _ACTIONS:
        BookingState(state)
        BookingAction(action)
    return TRANSITIONS.get((state, action))
