"""The same create sent from several connections at the same moment makes one object.

Runs on PostgreSQL only: 8 API POSTs with one Idempotency-Key, and 4 sends of one
spending form (one one-time token), each from its own thread with its own database
connection, started together. The key's row is inserted first in the create's
transaction; the others wait on its unique constraint until the first commits, then
answer its response.

SQLite runs one writer at a time anyway (``transaction_mode: IMMEDIATE``) and its test
database lives in memory, invisible to other connections, so it has nothing to show.
"""

import json
import threading
import time

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from accounts.models import User
from budgets.models import BudgetLine
from citydeal.models import IdempotencyKey
from citydeal.seed import demo_accounts_create, seed_load
from spending.models import SpendingRequest
from tests.concurrency import needs_postgresql

pytestmark = needs_postgresql


@pytest.fixture
def line(seed_again_after_the_flush, transactional_db) -> BudgetLine:
    if not BudgetLine.objects.exists():  # flushed by the test before this one
        seed_load()
        demo_accounts_create()
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )


def at_once(count: int, send) -> tuple[list, list[BaseException]]:
    """``send()`` from ``count`` threads started together: the answers and the failures."""
    start = threading.Barrier(count)
    answers, failures = [], []
    lock = threading.Lock()

    def run() -> None:
        try:
            start.wait()
            answer = send()
            with lock:
                answers.append(answer)
        except BaseException as error:  # noqa: BLE001 - every failure is the finding
            with lock:
                failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return answers, failures


@pytest.mark.django_db(transaction=True)
def test_parallel_api_posts_with_one_key_create_one_request(line):
    _instance, token = AuthToken.objects.create(user=User.objects.get(username="trekker1"))
    body = json.dumps({"budget_line": line.pk, "title": "Parallel", "amount": "100.00"})

    def send():
        return Client().post(
            "/api/v1/spending-requests/",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
            HTTP_IDEMPOTENCY_KEY="one-key-for-eight",
        )

    started = time.perf_counter()
    answers, failures = at_once(8, send)
    elapsed = time.perf_counter() - started

    assert failures == []
    assert SpendingRequest.objects.filter(title="Parallel").count() == 1
    assert [answer.status_code for answer in answers] == [201] * 8
    assert len({answer.content for answer in answers}) == 1
    replayed = [answer for answer in answers if answer.get("Idempotent-Replayed") == "true"]
    assert len(replayed) == 7
    assert IdempotencyKey.objects.count() == 1
    print(f"\n8 parallel POSTs, one key: 1 created, {len(replayed)} replayed in {elapsed:.2f} s")


@pytest.mark.django_db(transaction=True)
def test_parallel_sends_of_one_spending_form_create_one_draft(line):
    user = User.objects.get(username="trekker1")
    browser = Client()
    browser.force_login(user)
    page = browser.get(reverse("spending-create")).content.decode()
    token = page.split('name="submit_token" value="', 1)[1].split('"', 1)[0]
    data = {"budget_line": line.pk, "title": "Dubbelklik", "amount": "100", "submit_token": token}

    def send():
        tab = Client()
        tab.cookies = browser.cookies  # the same browser session
        return tab.post(reverse("spending-create"), data)

    answers, failures = at_once(4, send)

    assert failures == []
    draft = SpendingRequest.objects.get(title="Dubbelklik")  # one, not four
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("spending-detail", args=[draft.pk]))
    }
