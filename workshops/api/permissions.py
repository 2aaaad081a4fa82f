"""Who may use the workshop endpoints: the rules of the workshop pages.

Everyone with a role reads the slots; the bookings list shows only what
``bookings_visible`` lets the user see (the rule ``can_view_booking``). Each write and
step asks the rule the service asks first; whether the booking's state allows the step
is the table's business and answers 409, after the rule.
"""

from citydeal.api.permissions import RulePermission
from workshops.constants import BookingAction
from workshops.permissions import (
    STEP_RULES,
    can_edit_slot,
    can_publish_slots,
    can_request_bookings,
    can_view_agenda,
    can_view_booking,
)


class WorkshopSlotPermission(RulePermission):
    read_rule = staticmethod(can_view_agenda)
    action_rules = {"create": can_publish_slots}
    object_rules = {"partial_update": can_edit_slot, "cancel": can_edit_slot}


# The viewset's method of each step (``not-held/`` is ``not_held``).
STEP_METHODS = {
    BookingAction.CONFIRM: "confirm",
    BookingAction.DECLINE: "decline",
    BookingAction.CANCEL: "cancel",
    BookingAction.HELD: "held",
    BookingAction.NOT_HELD: "not_held",
}


class BookingPermission(RulePermission):
    read_rule = staticmethod(can_view_agenda)
    action_rules = {"create": can_request_bookings}
    object_rules = {
        "retrieve": can_view_booking,
        **{STEP_METHODS[action]: rule for action, rule in STEP_RULES.items()},
    }
