"""The refusals of the workshop services that are not about permission: the kernel's
``Conflict``, so forms show them as any other error and the API answers 409 with the
``code`` (``slot_full``, ``overlap``, ``state``, ``deadline``)."""

from django.utils.translation import gettext as _

from citydeal.exceptions import Conflict
from workshops.constants import BookingAction, BookingState, SlotState


class BookingConflict(Conflict):
    """A booking step that what exists refuses; ``code_name`` says what."""

    def __init__(self, message: str, *, code: str, **fields: str):
        self.code_name = code
        self.fields = fields
        super().__init__(message, code=code)

    def conflict_fields(self) -> dict[str, str]:
        return dict(self.fields)


def transition_refused(*, state: str, action: str) -> BookingConflict:
    state = BookingState(state)
    return BookingConflict(
        _("A booking with status '%(state)s' cannot be %(action)s: this step is not possible.")
        % {"state": state.label, "action": _past(BookingAction(action))},
        code="state",
        state=state.value,
    )


def slot_cancelled() -> BookingConflict:
    return BookingConflict(
        _("This workshop has been cancelled."), code="state", state=SlotState.CANCELLED.value
    )


def _past(action: BookingAction) -> str:
    return {
        BookingAction.REQUEST: _("requested"),
        BookingAction.WAIT: _("put on the waiting list"),
        BookingAction.MOVE_UP: _("moved up"),
        BookingAction.CONFIRM: _("confirmed"),
        BookingAction.DECLINE: _("declined"),
        BookingAction.CANCEL: _("cancelled"),
        BookingAction.HELD: _("marked as held"),
        BookingAction.NOT_HELD: _("marked as not held"),
    }[action]
