"""In production the mail waits in the database queue: a step never waits for the mail
server, and the worker sends the mail afterwards."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from spending import services
from spending.models import SpendingRequest, SpendingTransition
from tests import roles

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_step_queues_its_mail_and_the_worker_sends_it(
    small, maker, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes idle connections between batches; in a test that would close the
    # connection that holds the test's transaction (PostgreSQL).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    req = maker.draft(small.line_a21, by=small.lead_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_submit(request_id=req.pk, by=small.lead_a)

    assert mailoutbox == []  # nothing sent in the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert "lead-a@example.org" in {to for mail in mailoutbox for to in mail.to}


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_committed_step_has_its_mail_queued_in_its_own_transaction(
    small, maker, django_capture_on_commit_callbacks
):
    """The connection may drop right after the commit, before any on_commit hook runs:
    the task row must already be part of the step's transaction."""
    req = maker.draft(small.line_a21, by=small.lead_a)
    with django_capture_on_commit_callbacks(execute=False) as hooks:
        services.spending_request_submit(request_id=req.pk, by=small.lead_a)
    assert hooks == []  # nothing left for after the commit
    (task,) = DBTaskResult.objects.all()
    (step,) = SpendingTransition.objects.filter(request=req)
    assert task.status == "READY"
    assert task.args_kwargs == {"args": [], "kwargs": {"transition_id": step.pk}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_step_that_rolls_back_takes_its_queued_mail_with_it(small, maker, user_named):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    queued = DBTaskResult.objects.count()

    class Dropped(Exception):
        pass

    with pytest.raises(Dropped), transaction.atomic():
        services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM))
        assert DBTaskResult.objects.count() == queued + 1  # in the step's transaction
        raise Dropped

    assert DBTaskResult.objects.count() == queued
    assert SpendingRequest.objects.get(pk=req.pk).state == "ingediend"


def test_production_settings_use_the_database_queue():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TASKS_BACKEND"}}
    env.update(DJANGO_SETTINGS_MODULE="citydeal.settings", SECRET_KEY="x" * 60)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"
