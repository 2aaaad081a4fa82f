"""The workshop services: who may do what, capacity, overlap, deadline, the states and
their reasons, the waiting list; and nothing changed after every refusal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import BookingFactory, CaseFactory, WorkshopSlotFactory, _in_days
from workshops import services
from workshops.constants import BookingState, HelpRequestState, SlotState
from workshops.exceptions import BookingConflict
from workshops.models import Booking, BookingTransition, CalendarFeed, WorkshopSlot


def _slot_fields(**overrides):
    fields = {
        "title": "Data op orde",
        "topic": "data",
        "start": _in_days(10),
        "end": _in_days(10) + datetime.timedelta(hours=2),
        "location": "Online (Teams)",
        "capacity": 2,
    }
    fields.update(overrides)
    return fields


def _trail(booking):
    return list(
        BookingTransition.objects.filter(booking=booking)
        .order_by("at", "pk")
        .values_list("from_state", "to_state", "by__username", "note")
    )


# -- publishing -------------------------------------------------------------------------


def test_team_lead_publishes_for_own_team_only(world):
    slot = services.slot_create(by=world.lead, team=world.team, **_slot_fields())
    assert slot.state == SlotState.PUBLISHED and slot.created_by == world.lead
    with pytest.raises(PermissionDenied):
        services.slot_create(by=world.lead, team=world.other_team, **_slot_fields())
    with pytest.raises(PermissionDenied):
        services.slot_create(by=world.owner, team=world.team, **_slot_fields())
    assert services.slot_create(by=world.core, team=world.other_team, **_slot_fields()).pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": True}, "capacity"),
        ({"start": _in_days(-1), "end": _in_days(-1) + datetime.timedelta(hours=1)}, "start"),
        ({"end": _in_days(10) - datetime.timedelta(hours=1)}, "end"),
        ({"title": "  "}, "title"),
        ({"title": "Two\nlines"}, "title"),
        ({"location": ""}, "location"),
        (
            {"request_deadline": datetime.date.today() + datetime.timedelta(days=30)},
            "request_deadline",
        ),
    ],
)
def test_a_slot_with_bad_input_is_refused_naming_the_field(world, overrides, field):
    count = WorkshopSlot.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.slot_create(by=world.lead, team=world.team, **_slot_fields(**overrides))
    assert field in refused.value.message_dict
    assert WorkshopSlot.objects.count() == count


def test_a_goal_of_another_team_is_refused(world):
    from tests.factories import GoalFactory

    goal = GoalFactory(team=world.other_team)
    with pytest.raises(ValidationError) as refused:
        services.slot_create(by=world.lead, team=world.team, goal=goal, **_slot_fields())
    assert "goal" in refused.value.message_dict


# -- requesting -------------------------------------------------------------------------


def test_case_owner_requests_for_own_case_only(world):
    booking = services.booking_request(
        by=world.owner, slot=world.slot, case=world.case, questions="Hoe beginnen we?"
    )
    assert booking.state == BookingState.REQUESTED
    assert _trail(booking) == [("", "aangevraagd", world.owner.username, "Hoe beginnen we?")]
    with pytest.raises(PermissionDenied):
        services.booking_request(by=world.owner, slot=world.slot, case=world.other_case)
    with pytest.raises(PermissionDenied):
        services.booking_request(by=world.lead, slot=world.slot, case=world.other_case)
    assert not Booking.objects.filter(case=world.other_case).exists()
    # The core team books for any case.
    assert services.booking_request(by=world.core, slot=world.slot, case=world.other_case).pk


def test_a_case_asks_once_per_slot(world):
    services.booking_request(by=world.owner, slot=world.slot, case=world.case)
    with pytest.raises(BookingConflict) as refused:
        services.booking_request(by=world.owner, slot=world.slot, case=world.case)
    assert refused.value.code_name == "state"
    assert Booking.objects.filter(case=world.case).count() == 1


def test_after_the_deadline_or_the_start_no_request(world):
    closed = WorkshopSlotFactory(
        team=world.team, request_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(BookingConflict) as refused:
        services.booking_request(by=world.owner, slot=closed, case=world.case)
    assert refused.value.code_name == "deadline"
    begun = WorkshopSlotFactory(team=world.team, days=-1)
    with pytest.raises(BookingConflict) as refused:
        services.booking_request(by=world.owner, slot=begun, case=world.case)
    assert refused.value.code_name == "deadline"
    # On the deadline's own day requests are still taken.
    today = WorkshopSlotFactory(team=world.team, request_deadline=timezone.localdate())
    assert services.booking_request(by=world.owner, slot=today, case=world.case).pk
    assert Booking.objects.filter(slot__in=[closed, begun]).count() == 0


def test_a_cancelled_slot_takes_no_request(world):
    services.slot_cancel(slot_id=world.slot.pk, by=world.lead, reason="Ziek")
    with pytest.raises(BookingConflict) as refused:
        services.booking_request(by=world.owner, slot=world.slot, case=world.case)
    assert refused.value.code_name == "state"


def test_a_case_of_another_programme_is_refused(world):
    stranger = CaseFactory()
    with pytest.raises(ValidationError):
        services.booking_request(by=world.core, slot=world.slot, case=stranger)


# -- deciding ---------------------------------------------------------------------------


def test_only_the_slots_team_lead_or_core_team_confirms(world):
    booking = BookingFactory(slot=world.slot, case=world.case)
    for outsider in (world.other_lead, world.owner, world.other_owner):
        with pytest.raises(PermissionDenied):
            services.booking_confirm(booking_id=booking.pk, by=outsider)
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED
    services.booking_confirm(booking_id=booking.pk, by=world.lead, note="Tot dan!")
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED and booking.decided_by == world.lead
    assert _trail(booking)[-1] == ("aangevraagd", "bevestigd", world.lead.username, "Tot dan!")


def test_decline_needs_a_reason_and_a_requested_booking(world):
    booking = BookingFactory(slot=world.slot, case=world.case)
    with pytest.raises(ValidationError) as refused:
        services.booking_decline(booking_id=booking.pk, by=world.lead, note=" ")
    assert "note" in refused.value.message_dict
    services.booking_decline(booking_id=booking.pk, by=world.lead, note="Past niet")
    with pytest.raises(BookingConflict) as refused:
        services.booking_confirm(booking_id=booking.pk, by=world.lead)
    assert refused.value.code_name == "state"
    booking.refresh_from_db()
    assert booking.state == BookingState.DECLINED


def test_cancel_needs_a_reason_and_frees_the_place_for_the_waiting_list(world):
    world.slot.capacity = 1
    world.slot.save()
    first = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    with pytest.raises(BookingConflict) as refused:
        services.booking_request(by=world.other_owner, slot=world.slot, case=world.other_case)
    assert refused.value.code_name == "slot_full"
    waiting = services.booking_request(
        by=world.other_owner, slot=world.slot, case=world.other_case, waiting_list=True
    )
    assert waiting.state == BookingState.WAITING
    with pytest.raises(ValidationError):
        services.booking_cancel(booking_id=first.pk, by=world.owner, reason="")
    services.booking_cancel(booking_id=first.pk, by=world.owner, reason="Dubbel gepland")
    waiting.refresh_from_db()
    assert waiting.state == BookingState.REQUESTED
    assert _trail(waiting)[-1][:2] == ("wachtlijst", "aangevraagd")
    services.booking_confirm(booking_id=waiting.pk, by=world.lead)
    waiting.refresh_from_db()
    assert waiting.state == BookingState.CONFIRMED


def test_the_last_place_puts_the_other_requests_on_the_waiting_list(world):
    third_case = CaseFactory(programme=world.team.programme)
    a = BookingFactory(slot=world.slot, case=world.case)
    b = BookingFactory(slot=world.slot, case=world.other_case)
    c = BookingFactory(slot=world.slot, case=third_case)
    services.booking_confirm(booking_id=a.pk, by=world.lead)
    services.booking_confirm(booking_id=b.pk, by=world.lead)
    c.refresh_from_db()
    assert c.state == BookingState.WAITING
    with pytest.raises(BookingConflict) as refused:
        services.booking_confirm(booking_id=c.pk, by=world.lead)
    assert refused.value.code_name == "slot_full"
    assert Booking.objects.filter(slot=world.slot, state="bevestigd").count() == 2
    # A larger capacity moves the waiting list up.
    services.slot_update(slot_id=world.slot.pk, by=world.lead, capacity=3)
    c.refresh_from_db()
    assert c.state == BookingState.REQUESTED


def test_a_case_is_never_confirmed_twice_at_once(world):
    clash = WorkshopSlotFactory(
        team=world.other_team,
        start=world.slot.start + datetime.timedelta(hours=1),
        end=world.slot.end + datetime.timedelta(hours=1),
    )
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    with pytest.raises(BookingConflict) as refused:
        services.booking_request(by=world.owner, slot=clash, case=world.case)
    assert refused.value.code_name == "overlap"
    # Requested before the first was confirmed: the confirmation is refused.
    later = WorkshopSlotFactory(team=world.other_team, days=8)
    other = BookingFactory(slot=later, case=world.case)
    services.slot_update(
        slot_id=later.pk, by=world.core, start=clash.start, end=clash.end
    )  # no confirmed booking of its own yet, so it may move
    with pytest.raises(BookingConflict) as refused:
        services.booking_confirm(booking_id=other.pk, by=world.other_lead)
    assert refused.value.code_name == "overlap"
    other.refresh_from_db()
    assert other.state == BookingState.REQUESTED
    # Back-to-back is no overlap.
    after = WorkshopSlotFactory(
        team=world.other_team,
        start=world.slot.end,
        end=world.slot.end + datetime.timedelta(hours=1),
    )
    assert BookingFactory(slot=after, case=world.case, confirmed=True).state == "bevestigd"


def test_moving_a_slot_onto_a_confirmed_cases_other_workshop_is_refused(world):
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    other = WorkshopSlotFactory(team=world.other_team, days=9)
    BookingFactory(slot=other, case=world.case, confirmed=True)
    with pytest.raises(BookingConflict) as refused:
        services.slot_update(
            slot_id=other.pk, by=world.other_lead, start=world.slot.start, end=world.slot.end
        )
    assert refused.value.code_name == "overlap"
    other.refresh_from_db()
    assert other.start == _in_days(9)


def test_capacity_never_below_the_confirmed(world):
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    BookingFactory(slot=world.slot, case=world.other_case, confirmed=True)
    with pytest.raises(ValidationError) as refused:
        services.slot_update(slot_id=world.slot.pk, by=world.lead, capacity=1)
    assert "capacity" in refused.value.message_dict
    world.slot.refresh_from_db()
    assert world.slot.capacity == 2


def test_held_and_not_held_only_after_the_start_by_the_team(world):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    with pytest.raises(BookingConflict):
        services.booking_mark_held(booking_id=booking.pk, by=world.lead, report="Goed")
    WorkshopSlot.objects.filter(pk=world.slot.pk).update(
        start=_in_days(-1), end=_in_days(-1) + datetime.timedelta(hours=2)
    )
    with pytest.raises(PermissionDenied):
        services.booking_mark_held(booking_id=booking.pk, by=world.owner, report="Goed")
    services.booking_mark_held(booking_id=booking.pk, by=world.lead, report="Goed gesprek")
    booking.refresh_from_db()
    assert booking.state == BookingState.HELD and booking.report == "Goed gesprek"
    with pytest.raises(BookingConflict):
        services.booking_mark_not_held(booking_id=booking.pk, by=world.lead)


def test_cancelling_a_slot_cancels_its_bookings_with_the_reason(world):
    confirmed = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    requested = BookingFactory(slot=world.slot, case=world.other_case)
    with pytest.raises(PermissionDenied):
        services.slot_cancel(slot_id=world.slot.pk, by=world.other_lead, reason="x")
    with pytest.raises(ValidationError):
        services.slot_cancel(slot_id=world.slot.pk, by=world.lead, reason="")
    services.slot_cancel(slot_id=world.slot.pk, by=world.lead, reason="Spreker ziek")
    for booking in (confirmed, requested):
        booking.refresh_from_db()
        assert booking.state == BookingState.CANCELLED
        assert "Spreker ziek" in _trail(booking)[-1][3]
    with pytest.raises(BookingConflict):
        services.slot_cancel(slot_id=world.slot.pk, by=world.lead, reason="again")


def test_reminders_go_once(world, django_capture_on_commit_callbacks, mailoutbox):
    soon = WorkshopSlotFactory(team=world.team, days=1)
    BookingFactory(slot=soon, case=world.case, confirmed=True)
    BookingFactory(slot=world.slot, case=world.other_case, confirmed=True)  # a week away
    mailoutbox.clear()
    assert services.booking_reminders_send() == 1
    assert services.booking_reminders_send() == 0


# -- help requests and feeds ------------------------------------------------------------


def test_a_help_request_is_answered_with_a_slot(world):
    help_request = services.help_request_create(
        by=world.owner,
        team=world.team,
        case=world.case,
        question="Data-gedreven beheer",
        when="Q1",
    )
    with pytest.raises(PermissionDenied):
        services.help_request_create(
            by=world.owner, team=world.team, case=world.other_case, question="x"
        )
    with pytest.raises(PermissionDenied):
        services.help_request_answer(
            help_request_id=help_request.pk, by=world.other_lead, **_slot_fields()
        )
    slot = services.help_request_answer(
        help_request_id=help_request.pk, by=world.lead, answer="Zie workshop", **_slot_fields()
    )
    help_request.refresh_from_db()
    assert help_request.state == HelpRequestState.ANSWERED and help_request.slot == slot
    assert slot.team == world.team
    with pytest.raises(BookingConflict):
        services.help_request_close(help_request_id=help_request.pk, by=world.owner)


def test_renewing_the_feed_replaces_the_token(world):
    feed = services.calendar_feed_get(user=world.owner)
    assert services.calendar_feed_get(user=world.owner).token == feed.token
    renewed = services.calendar_feed_renew(user=world.owner)
    assert renewed.token != feed.token
    assert not CalendarFeed.objects.filter(token=feed.token).exists()
