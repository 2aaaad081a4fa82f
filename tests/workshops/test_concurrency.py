"""Confirmations at the same moment never take a slot past its capacity, nor put a case
in two workshops at once.

PostgreSQL only: the confirmations run in threads, each with its own connection, started
together by a barrier. SQLite runs one writer at a time (and its in-memory test database
is invisible to other connections).
"""

import datetime

import pytest
from django.contrib.auth.models import Group

from accounts.models import Role, User
from cases.models import Case
from teams.models import Programme, Team
from tests.concurrency import needs_postgresql, run_parallel
from tests.factories import _in_days
from workshops import services
from workshops.constants import BookingState
from workshops.exceptions import BookingConflict
from workshops.models import Booking, WorkshopSlot

pytestmark = needs_postgresql

CAPACITY = 3
REQUESTS = 20
RUNS = 10


@pytest.fixture
def crowd(seed_again_after_the_flush, transactional_db):
    programme = Programme.objects.create(slug="race", name="Race programme", short_name="RP")
    team = Team.objects.create(programme=programme, number=1, name="Race team", short_name="R")
    # Its own people: a transactional test before this one may have emptied the tables.
    core = User.objects.create_user(username="race-core", email="race@example.org")
    core.groups.add(Group.objects.get_or_create(name=Role.CORE_TEAM.value)[0])
    cases = [
        Case.objects.create(programme=programme, slug=f"case-{n}", title=f"Case {n}")
        for n in range(REQUESTS)
    ]
    return team, core, cases


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_never_pass_the_capacity(crowd):
    team, core, cases = crowd
    for run in range(RUNS):
        slot = services.slot_create(
            by=core,
            team=team,
            title=f"Race {run}",
            topic="race",
            start=_in_days(5 + run),
            end=_in_days(5 + run) + datetime.timedelta(hours=1),
            location="Online",
            capacity=CAPACITY,
        )
        ids = [services.booking_request(by=core, slot=slot, case=case).pk for case in cases]
        outcome = run_parallel(
            [lambda pk=pk: services.booking_confirm(booking_id=pk, by=core) for pk in ids],
            refusal=BookingConflict,
        )
        done, refused, other = outcome.done, outcome.refused, outcome.other
        assert other == []
        assert len(done) == CAPACITY, f"run {run}"
        assert len(refused) == REQUESTS - CAPACITY
        assert {error.code_name for error in refused} == {"slot_full"}
        states = Booking.objects.filter(slot=slot)
        assert states.filter(state=BookingState.CONFIRMED).count() == CAPACITY
        assert states.filter(state=BookingState.WAITING).count() == REQUESTS - CAPACITY
    assert WorkshopSlot.objects.filter(team=team).count() == RUNS


@pytest.mark.django_db(transaction=True)
def test_parallel_confirmations_of_one_case_in_overlapping_slots_confirm_one(crowd):
    team, core, cases = crowd
    case = cases[0]
    ids = []
    for n in range(10):
        slot = services.slot_create(
            by=core,
            team=team,
            title=f"Overlap {n}",
            topic="race",
            start=_in_days(3) + datetime.timedelta(minutes=5 * n),
            end=_in_days(3) + datetime.timedelta(hours=1, minutes=5 * n),
            location="Online",
            capacity=5,
        )
        ids.append(services.booking_request(by=core, slot=slot, case=case).pk)
    outcome = run_parallel(
        [lambda pk=pk: services.booking_confirm(booking_id=pk, by=core) for pk in ids],
        refusal=BookingConflict,
    )
    done, refused, other = outcome.done, outcome.refused, outcome.other
    assert other == []
    assert len(done) == 1
    assert {error.code_name for error in refused} == {"overlap"}
    assert Booking.objects.filter(case=case, state=BookingState.CONFIRMED).count() == 1
