"""Who may publish workshops, ask for a place, decide, cancel and report, and which
steps a user has on a booking now.

Whether a booking's state allows a step is the table's business (``constants``); these
rules say who may take it. ``booking_actions_for`` asks both.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import (
    ALLOWED,
    Verdict,
    active,
    deny,
    has_any_role,
    is_core_team,
    is_director,
    led_team_ids,
    owned_case_ids,
)
from workshops.constants import BookingAction, target_state


def can_view_agenda(user) -> Verdict:
    """The agenda, slots and the team and case calendars: every user with a role."""
    if has_any_role(user):
        return ALLOWED
    return deny(_("You need a role in the programme to see the workshops."))


def can_publish_slots(user) -> Verdict:
    """Publish workshops at all: team leads (for their own team) and the core team."""
    if is_core_team(user) or led_team_ids(user):
        return ALLOWED
    return deny(_("Only team leads and core team members can publish workshops."))


def can_publish_slot(user, team) -> Verdict:
    """Publish or change a workshop of ``team``: its team lead or the core team."""
    if is_core_team(user) or (team is not None and team.pk in led_team_ids(user)):
        return ALLOWED
    return deny(
        _("Only the team lead of %(team)s or a core team member can publish its workshops.")
        % {"team": team}
    )


def can_edit_slot(user, slot) -> Verdict:
    return can_publish_slot(user, slot.team)


def can_request_bookings(user) -> Verdict:
    """Ask for places at all: case owners (for their own cases) and the core team."""
    if is_core_team(user) or owned_case_ids(user):
        return ALLOWED
    return deny(_("Only case owners and core team members can ask for a place in a workshop."))


def can_request_booking(user, case) -> Verdict:
    """Ask a place for ``case``: its case owners; the core team for any case."""
    if is_core_team(user) or (case is not None and case.pk in owned_case_ids(user)):
        return ALLOWED
    return deny(
        _("You can only ask for a place for your own case, not for '%(case)s'.") % {"case": case}
    )


def can_view_booking(user, booking) -> Verdict:
    """One booking: the core team, directors, the slot's team lead, the case's owners and
    the one who asked."""
    if is_core_team(user) or is_director(user) or _takes_part(user, booking):
        return ALLOWED
    return deny(_("You can only see the bookings of your own cases and teams."))


def _takes_part(user, booking) -> bool:
    """The one who asked, one of the case's owners, or the slot's team lead."""
    return active(user) and (
        booking.requested_by_id == user.pk
        or booking.case_id in owned_case_ids(user)
        or booking.slot.team_id in led_team_ids(user)
    )


def can_decide_booking(user, booking) -> Verdict:
    """Confirm or decline a request: the team lead of the slot's team or the core team."""
    if is_core_team(user) or booking.slot.team_id in led_team_ids(user):
        return ALLOWED
    return deny(
        _("Only the team lead of %(team)s or a core team member can answer this request.")
        % {"team": booking.slot.team}
    )


def can_cancel_booking(user, booking) -> Verdict:
    """Cancel a booking: the case's owners, the one who asked, the team's lead, the core team."""
    if is_core_team(user) or _takes_part(user, booking):
        return ALLOWED
    return deny(_("Only the case's owners and the team can cancel this booking."))


def can_report_booking(user, booking) -> Verdict:
    """Mark a confirmed booking held or not held: the slot's team lead or the core team."""
    if can_decide_booking(user, booking):
        return ALLOWED
    return deny(
        _("Only the team lead of %(team)s or a core team member can report on this workshop.")
        % {"team": booking.slot.team}
    )


def can_ask_help(user, case) -> Verdict:
    """Ask a team for help for ``case``: its owners; the core team for any case."""
    if is_core_team(user) or (case is not None and case.pk in owned_case_ids(user)):
        return ALLOWED
    return deny(_("You can only ask for help for your own case."))


def can_answer_help(user, help_request) -> Verdict:
    """Answer a request for help with a workshop: the team's lead or the core team."""
    return can_publish_slot(user, help_request.team)


def can_close_help(user, help_request) -> Verdict:
    """Close a request for help: whoever may ask it or answer it."""
    if can_ask_help(user, help_request.case) or can_answer_help(user, help_request):
        return ALLOWED
    return deny(_("Only the case's owners and the team can close this request for help."))


# The rule of each step a user takes (the waiting list's steps are the services' own).
STEP_RULES = {
    BookingAction.CONFIRM: can_decide_booking,
    BookingAction.DECLINE: can_decide_booking,
    BookingAction.CANCEL: can_cancel_booking,
    BookingAction.HELD: can_report_booking,
    BookingAction.NOT_HELD: can_report_booking,
}


def booking_actions_for(user, booking) -> list[BookingAction]:
    """The steps ``user`` can take on ``booking`` now: its rule and the table both allow it.
    Held and not held only once the workshop has begun."""
    started = booking.slot.start <= timezone.now()
    return [
        action
        for action, rule in STEP_RULES.items()
        if target_state(booking.state, action) is not None
        and (started or action not in (BookingAction.HELD, BookingAction.NOT_HELD))
        and rule(user, booking)
    ]


def can_view_team_calendar(user, team) -> Verdict:
    """A team's calendar (its workshops, the programme's events with the team): everyone
    who sees the agenda, where the same workshops stand."""
    return can_view_agenda(user)


def can_view_case_calendar(user, case) -> Verdict:
    """A case's calendar (its bookings): its owners, the core team and directors."""
    verdict = can_view_agenda(user)
    if not verdict:
        return verdict
    if is_core_team(user) or is_director(user) or case.pk in owned_case_ids(user):
        return ALLOWED
    return deny(_("You can only follow the calendar of your own case."))
