"""Mail on every step: after the commit, through the task, in Dutch, to the submitter and
the core team; nothing while the transaction is open, nothing for a refused step."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import translation

from spending import services
from spending.models import SpendingRequest, SpendingTransition
from spending.tasks import send_spending_transition_mail, transition_mail
from tests import roles
from tests.spending.conftest import dutch

CORE_TEAM = {"kernteam1@example.org", "kernteam2@example.org"}


def test_no_mail_before_the_commit(small, maker, mailoutbox, django_capture_on_commit_callbacks):
    req = maker.draft(small.line_a21, by=small.lead_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.spending_request_submit(request_id=req.pk, by=small.lead_a)
    assert len(callbacks) == 1
    assert mailoutbox == []


def test_submitting_mails_the_submitter_and_the_core_team_after_commit(
    small, maker, mailoutbox, django_capture_on_commit_callbacks
):
    req = maker.draft(small.line_a21, by=small.lead_a, title="Venue", amount="12.50")
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_submit(request_id=req.pk, by=small.lead_a, note="Please.")

    assert {to for mail in mailoutbox for to in mail.to} == {"lead-a@example.org", *CORE_TEAM}
    assert all(len(mail.to) == 1 for mail in mailoutbox)  # nobody sees the others' address
    mail = mailoutbox[0]
    with translation.override("nl"):
        state = dutch("Submitted").lower()
    assert mail.subject == dutch("Spending request '%(title)s': %(state)s") % {
        "title": "Venue",
        "state": state,
    }
    assert "€ 12,50" in mail.body
    assert "Please." in mail.body
    assert f"/spending/{req.pk}/" in mail.body
    assert dutch("Draft") in mail.body and dutch("Submitted") in mail.body


def test_a_decision_mails_the_submitter_with_the_reason(
    small, maker, user_named, mailoutbox, django_capture_on_commit_callbacks
):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_reject(
            request_id=req.pk, by=user_named(roles.CORE_TEAM_OTHER), note="Not in this year."
        )
    to_submitter = [mail for mail in mailoutbox if mail.to == ["lead-a@example.org"]]
    assert len(to_submitter) == 1
    assert "Not in this year." in to_submitter[0].body
    assert dutch("Rejected").lower() in to_submitter[0].subject
    assert {mail.to[0] for mail in mailoutbox} == {"lead-a@example.org", *CORE_TEAM}


def test_every_step_mails(small, maker, user_named, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = maker.realised(small.line_a21, by=small.lead_a)
    # submit, approve, realise: three steps, each to the submitter and both core members.
    assert SpendingTransition.objects.filter(request=req).count() == 3
    assert len(mailoutbox) == 3 * 3


def test_a_refused_step_sends_nothing(
    small, maker, user_named, mailoutbox, django_capture_on_commit_callbacks
):
    req = maker.submitted(small.line_a21, by=user_named(roles.CORE_TEAM))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied),
    ):
        services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM))
    assert callbacks == []
    assert mailoutbox == []


def test_the_mail_is_dutch_whatever_language_is_active(small, maker):
    req = maker.submitted(small.line_a21, by=small.lead_a, title="Venue")
    step = req.transitions.get()
    with translation.override("en"):
        subject, body = transition_mail(step)
    with translation.override("nl"):
        expected, _body = transition_mail(step)
    assert subject == expected
    assert body.startswith(_body.splitlines()[0])


def test_a_title_with_a_line_break_gives_a_one_line_subject(small, maker):
    req = maker.submitted(small.line_a21, by=small.lead_a, title="Two lines")
    # The services refuse a line break in a title now; a row from before may hold one.
    SpendingRequest.objects.filter(pk=req.pk).update(title="Two\nlines")
    subject, _body = transition_mail(req.transitions.get())
    assert "\n" not in subject


def test_the_task_returns_the_number_of_mails(small, maker, mailoutbox):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    result = send_spending_transition_mail.enqueue(transition_id=req.transitions.get().pk)
    assert result.return_value == 3
    assert len(mailoutbox) == 3


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_with_a_queue_backend_the_page_does_not_send_itself(
    small, maker, mailoutbox, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    req = maker.draft(small.line_a21, by=small.lead_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_submit(request_id=req.pk, by=small.lead_a)
    assert mailoutbox == []
    assert [r.task.name for r in default_task_backend.results] == ["send_spending_transition_mail"]
    default_task_backend.clear()


def test_a_core_team_member_without_an_address_is_skipped(
    small, maker, user_named, mailoutbox, django_capture_on_commit_callbacks
):
    kernteam2 = user_named(roles.CORE_TEAM_OTHER)
    kernteam2.email = ""
    kernteam2.save()
    req = maker.draft(small.line_a21, by=small.lead_a, amount=Decimal("1"))
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_submit(request_id=req.pk, by=small.lead_a)
    assert {mail.to[0] for mail in mailoutbox} == {"lead-a@example.org", "kernteam1@example.org"}
