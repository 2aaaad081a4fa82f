"""The mail of the workshops, as the people read it: in Dutch, to the other side of each
step, with the link to the booking, sent only when the step's transaction commits."""

import datetime

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import BookingFactory, WorkshopSlotFactory
from tests.pages.helpers import dutch
from workshops import services
from workshops.constants import BookingState


def recipients(mailoutbox) -> set[str]:
    return {address for mail in mailoutbox for address in mail.to}


def booking_url(booking) -> str:
    return settings.PORTAL_URL.rstrip("/") + reverse("booking-detail", args=[booking.pk])


def test_a_request_mails_the_team_lead_in_dutch_with_the_link(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("booking-request", args=[world.slot.pk]),
            {"case": world.case.pk, "questions": "Hoe meten we de staat van het groen?"},
        )
    (mail,) = mailoutbox
    assert mail.to == [world.lead.email]
    booking = world.case.workshop_bookings.get()
    subject = dutch("Workshop '%(title)s' for %(case)s: %(state)s") % {
        "title": world.slot.title,
        "case": world.case.title,
        "state": dutch("Requested").lower(),
    }
    assert mail.subject == subject
    assert booking_url(booking) in mail.body
    assert "Hoe meten we de staat van het groen?" in mail.body
    assert dutch("See the booking and its trail:") in mail.body


@pytest.mark.parametrize("step", ["confirm", "decline"])
def test_an_answer_mails_the_case_owners(
    world, mailoutbox, django_capture_on_commit_callbacks, step
):
    booking = BookingFactory(slot=world.slot, case=world.case)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if step == "confirm":
            services.booking_confirm(booking_id=booking.pk, by=world.lead, note="Tot dan!")
        else:
            services.booking_decline(booking_id=booking.pk, by=world.lead, note="Te vroeg")
    (mail,) = mailoutbox
    assert mail.to == [world.owner.email]
    state = dutch("Confirmed") if step == "confirm" else dutch("Declined")
    assert mail.subject.endswith(state.lower())
    assert ("Tot dan!" if step == "confirm" else "Te vroeg") in mail.body
    assert booking_url(booking) in mail.body


def test_a_cancellation_mails_both_sides(world, mailoutbox, django_capture_on_commit_callbacks):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking_id=booking.pk, by=world.core, reason="Gemeenteraad")
    assert recipients(mailoutbox) == {world.lead.email, world.owner.email}
    assert all("Gemeenteraad" in mail.body for mail in mailoutbox)


def test_a_cancellation_by_the_case_mails_the_team(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking_id=booking.pk, by=world.owner, reason="Ziek")
    assert recipients(mailoutbox) == {world.lead.email}  # not to the one who cancelled


def test_a_step_that_rolls_back_sends_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    booking = BookingFactory(slot=world.slot, case=world.case)
    mailoutbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.booking_confirm(booking_id=booking.pk, by=world.lead)
        raise RuntimeError("the page failed after the step")
    assert mailoutbox == []
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED


def test_a_new_time_mails_the_confirmed_cases_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    BookingFactory(slot=world.slot, case=world.other_case)  # requested: not told
    mailoutbox.clear()
    later = world.slot.start + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_update(
            slot_id=world.slot.pk,
            by=world.lead,
            start=later,
            end=later + datetime.timedelta(hours=2),
        )
    (mail,) = mailoutbox
    assert mail.to == [world.owner.email]
    assert mail.subject == dutch("Workshop '%(title)s' has changed") % {"title": world.slot.title}
    assert booking_url(confirmed) in mail.body
    assert timezone.localtime(later).strftime("%H:%M") in mail.body


def test_a_title_typo_fixed_before_anyone_is_confirmed_mails_nobody(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    BookingFactory(slot=world.slot, case=world.case)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_update(slot_id=world.slot.pk, by=world.lead, title="Nieuwe titel")
    assert mailoutbox == []


def test_a_cancelled_workshop_mails_each_booked_case_the_reason(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    BookingFactory(slot=world.slot, case=world.other_case)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_cancel(slot_id=world.slot.pk, by=world.lead, reason="Spreker ziek")
    to_cases = [mail for mail in mailoutbox if world.lead.email not in mail.to]
    assert {address for mail in to_cases for address in mail.to} == {
        world.owner.email,
        world.other_owner.email,
    }
    assert all("Spreker ziek" in mail.body for mail in to_cases)


def test_the_reminder_goes_to_both_sides_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    soon = WorkshopSlotFactory(team=world.team, days=1)
    booking = BookingFactory(slot=soon, case=world.case, confirmed=True)
    BookingFactory(slot=world.slot, case=world.other_case, confirmed=True)  # a week away
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.booking_reminders_send() == 1
    assert recipients(mailoutbox) == {world.lead.email, world.owner.email}
    subject = dutch("Reminder: workshop '%(title)s' for %(case)s") % {
        "title": soon.title,
        "case": world.case.title,
    }
    assert {mail.subject for mail in mailoutbox} == {subject}
    assert all(booking_url(booking) in mail.body for mail in mailoutbox)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.booking_reminders_send() == 0
    assert mailoutbox == []
