"""``manage.py send_workshop_reminders``: the reminders of the workshops of the next two
days, each once, however often it runs."""

from io import StringIO

from django.core.management import call_command

from tests.factories import BookingFactory, WorkshopSlotFactory
from workshops.models import Booking

# The mail links to the booking's page.


def run() -> str:
    out = StringIO()
    call_command("send_workshop_reminders", stdout=out)
    return out.getvalue()


def test_it_reminds_the_confirmed_bookings_of_the_next_two_days_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    tomorrow = WorkshopSlotFactory(team=world.team, days=1)
    due = BookingFactory(slot=tomorrow, case=world.case, confirmed=True)
    requested = BookingFactory(slot=tomorrow, case=world.other_case)
    next_week = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = run()
    with django_capture_on_commit_callbacks(execute=True):
        second = run()

    assert "1 workshop reminders queued." in first
    assert "0 workshop reminders queued." in second
    assert Booking.objects.get(pk=due.pk).reminder_sent_at is not None
    assert Booking.objects.get(pk=requested.pk).reminder_sent_at is None
    assert Booking.objects.get(pk=next_week.pk).reminder_sent_at is None
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert world.owner.email in recipients and world.lead.email in recipients
    assert all(tomorrow.title in mail.body for mail in mailoutbox)


def test_with_nothing_due_it_says_so_and_sends_nothing(world, mailoutbox):
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    mailoutbox.clear()

    assert "0 workshop reminders queued." in run()
    assert mailoutbox == []
