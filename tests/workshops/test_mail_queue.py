"""In production the workshop mail waits in the database queue, written in the step's own
transaction: a committed step always has its mail, a rolled-back one never."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from tests.factories import BookingFactory
from workshops import services
from workshops.models import Booking, BookingTransition

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_request_has_its_mail_queued_in_its_own_transaction(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as hooks:
        booking = services.booking_request(by=world.owner, slot=world.slot, case=world.case)
    assert hooks == []  # nothing left for after the commit, which a dropped connection loses
    (task,) = DBTaskResult.objects.all()
    (step,) = BookingTransition.objects.filter(booking=booking)
    assert task.status == "READY"
    assert task.args_kwargs == {"args": [], "kwargs": {"step_id": step.pk}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_sends_the_queued_mail(world, mailoutbox, monkeypatch):
    # The worker closes idle connections between batches; in a test that would close the
    # connection that holds the test's transaction (PostgreSQL).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    services.booking_request(by=world.owner, slot=world.slot, case=world.case)
    assert mailoutbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert [mail.to for mail in mailoutbox] == [[world.lead.email]]


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_confirmation_that_rolls_back_takes_its_mail_with_it(world):
    booking = BookingFactory(slot=world.slot, case=world.case)
    queued = DBTaskResult.objects.count()

    class Dropped(Exception):
        pass

    with pytest.raises(Dropped), transaction.atomic():
        services.booking_confirm(booking_id=booking.pk, by=world.lead)
        assert DBTaskResult.objects.count() == queued + 1  # in the step's transaction
        raise Dropped

    assert DBTaskResult.objects.count() == queued
    assert Booking.objects.get(pk=booking.pk).state == "aangevraagd"
