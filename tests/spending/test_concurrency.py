"""Two approvals at the same moment never take a budget line past its limit.

Runs on PostgreSQL only: 20 submitted requests that together exceed the line are
approved from 20 threads, each with its own database connection, started together.
The approvals serialise on the programme's row (``select_for_update``); every one that
does not fit is refused with the budget error, and nothing else goes wrong.

SQLite runs one writer at a time anyway (``transaction_mode: IMMEDIATE``) and its test
database lives in memory, invisible to other connections, so it has nothing to show.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from accounts.models import User
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace
from spending import services
from spending.constants import SpendingState
from spending.exceptions import BudgetExceeded
from spending.models import SpendingRequest
from teams.models import Programme, Team
from tests.concurrency import needs_postgresql, run_parallel

pytestmark = needs_postgresql

REQUESTS = 20
LINE = Decimal("10000.00")
AMOUNT = Decimal("1500.00")  # 20 x 1.500 = 30.000 asked of a line of 10.000


@pytest.fixture
def crowded_line(seed_again_after_the_flush, transactional_db) -> tuple[BudgetLine, list[int]]:
    programme = Programme.objects.create(slug="race", name="Race programme", short_name="RP")
    team = Team.objects.create(programme=programme, number=1, name="Race team", short_name="R")
    period = BudgetPeriod.objects.create(
        programme=programme, label="2022", start_year=2022, end_year=2022
    )
    BudgetSpace.objects.create(programme=programme, year=2022, amount_max=Decimal("1000000"))
    line = BudgetLine.objects.create(team=team, period=period, amount=LINE)
    submitter = User.objects.get(username="kernteam1")
    ids = []
    for n in range(REQUESTS):
        req = services.spending_request_create(
            by=submitter, budget_line=line, title=f"Race {n}", amount=AMOUNT
        )
        services.spending_request_submit(request_id=req.pk, by=submitter)
        ids.append(req.pk)
    return line, ids


@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_never_pass_the_line(crowded_line):
    line, ids = crowded_line
    approver = User.objects.get(username="kernteam2")
    outcome = run_parallel(
        [lambda pk=pk: services.spending_request_approve(request_id=pk, by=approver) for pk in ids],
        refusal=BudgetExceeded,
    )
    approved, refused = outcome.done, outcome.refused
    assert outcome.other == []
    fits = int(LINE // AMOUNT)  # 6 x 1.500 = 9.000; a 7th would make 10.500
    assert len(approved) == fits
    assert len(refused) == REQUESTS - fits
    assert all(error.code == "budget_line_exceeded" for error in refused)
    states = SpendingRequest.objects.filter(pk__in=ids)
    total = sum(r.amount for r in states if r.state == SpendingState.APPROVED)
    assert total == fits * AMOUNT <= LINE
    assert states.filter(state=SpendingState.SUBMITTED).count() == REQUESTS - fits
    print(f"\napproved {len(approved)} of {REQUESTS}: {total} of a line of {LINE}")


@pytest.mark.django_db(transaction=True)
def test_parallel_changes_of_one_draft_each_keep_the_value_they_replaced(
    seed_again_after_the_flush,
):
    """Ten changes of one draft's amount at the same moment: the request's lock puts them
    one after the other, and each trail row's old value is the previous one's new value,
    from the amount it was created with to the amount it ends with."""
    from django.contrib.auth.models import Group

    from accounts.models import Role
    from spending.models import SpendingChange

    # Its own set-up: a transactional test before this one may have emptied the tables.
    programme = Programme.objects.create(slug="edits", name="Edit programme", short_name="EP")
    team = Team.objects.create(programme=programme, number=1, name="Edit team", short_name="E")
    period = BudgetPeriod.objects.create(
        programme=programme, label="2022", start_year=2022, end_year=2022
    )
    line = BudgetLine.objects.create(team=team, period=period, amount=LINE)
    author = User.objects.create_user(username="editor", email="editor@example.org")
    author.groups.add(Group.objects.get_or_create(name=Role.CORE_TEAM.value)[0])
    draft = services.spending_request_create(
        by=author, budget_line=line, title="Changed often", amount=Decimal("1.00")
    )
    amounts = [Decimal(f"{n}.00") for n in range(2, 12)]
    start = threading.Barrier(len(amounts))
    failures: list[BaseException] = []

    def change(amount: Decimal) -> None:
        try:
            start.wait()
            services.spending_request_update(request_id=draft.pk, by=author, amount=amount)
        except BaseException as error:  # noqa: BLE001 - every failure is the finding
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=change, args=(amount,)) for amount in amounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    rows = list(SpendingChange.objects.filter(request=draft).order_by("at", "pk"))
    assert len(rows) == len(amounts)
    chain = ["1.00"] + [row.new_value for row in rows]
    assert [row.old_value for row in rows] == chain[:-1]
    assert sorted(Decimal(v) for v in chain[1:]) == amounts
    draft.refresh_from_db()
    assert f"{draft.amount:.2f}" == chain[-1]
