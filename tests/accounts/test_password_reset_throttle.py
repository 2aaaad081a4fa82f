"""The password reset form cannot flood a mailbox: three mails an hour per address."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ask_reset(client, email: str, ip: str = "127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_the_fourth_request_in_an_hour_sends_no_mail_but_looks_the_same(client, caplog):
    responses = []
    with caplog.at_level(logging.WARNING, logger="citydeal.security"):
        for _ in range(4):
            responses.append(ask_reset(client, "directeur@example.org"))
    assert len(mail.outbox) == 3
    assert {(r.status_code, r.url) for r in responses} == {(302, reverse("password_reset_done"))}
    assert any("password reset throttled" in r.getMessage() for r in caplog.records)


def test_the_limit_is_per_address(client):
    for _ in range(3):
        ask_reset(client, "directeur@example.org")
    ask_reset(client, "kernteam1@example.org")
    assert len(mail.outbox) == 4
    assert mail.outbox[-1].to == ["kernteam1@example.org"]


def test_one_client_address_cannot_try_many_mailboxes(client, settings):
    settings.PASSWORD_RESET_MAILS_PER_HOUR = 1  # so ten per client address
    users = [f"trekker{n}@example.org" for n in range(1, 7)] + [
        "kernteam1@example.org",
        "kernteam2@example.org",
        "directeur@example.org",
        "beheerder@example.org",
        "casus-dordrecht@example.org",
    ]
    for email in users:
        ask_reset(client, email, ip="192.0.2.7")
    assert len(mail.outbox) == 10
    ask_reset(client, "casus-zoetermeer@example.org", ip="192.0.2.8")
    assert len(mail.outbox) == 11
