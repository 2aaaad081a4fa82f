"""Taking a snapshot and reading what changed cost the same number of queries at two sizes
of the programme: the objects are captured with one query per kind, and the comparison
is done on the captured data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from zeal import zeal_ignore

from accounts.models import User
from reporting.services import snapshot_create
from teams.models import Programme, Team
from tests import roles
from tests.factories import (
    ActivityFactory,
    BookingFactory,
    DecisionFactory,
    SpendingRequestFactory,
    WorkshopSlotFactory,
)

pytestmark = pytest.mark.django_db


def _take(title: str):
    return snapshot_create(
        programme=Programme.objects.get(slug="cdor"),
        by=User.objects.get(username=roles.CORE_TEAM),
        title=title,
    )


def _grow(rounds: int = 5) -> None:
    """Rows of every kind a snapshot compares, in every team (set-up, row by row)."""
    programme = Programme.objects.get(slug="cdor")
    teams = list(Team.objects.filter(programme=programme))
    with zeal_ignore():
        for n, team in enumerate(teams * rounds):
            ActivityFactory(team=team, order=700 + n, responsible="ntb")
            line = team.budget_lines.get(period__label="2022-2023")
            SpendingRequestFactory(budget_line=line, approved=n % 2 == 0, submitted=n % 2 == 1)
            slot = WorkshopSlotFactory(team=team, days=5 + n)
            BookingFactory(slot=slot, confirmed=True)
            DecisionFactory(programme=programme, date=datetime.date(2022, 1, 1 + n % 28))


def _count(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def test_taking_a_snapshot_costs_the_same_at_two_sizes():
    _take("Warm")  # the first query of a kind can differ (content types, sessions)
    small = _count(lambda: _take("Klein"))
    _grow()
    large = _count(lambda: _take("Groot"))
    assert large == small


def test_the_changes_pages_cost_the_same_at_two_sizes(client_as):
    client = client_as(roles.DIRECTOR)
    _take("Januari")
    february = _take("Februari")
    changes = reverse("dashboard-changes")
    client.get(reverse("snapshot-changes", args=[february.pk]))  # warm the session
    small = (
        _count(lambda: client.get(reverse("snapshot-changes", args=[february.pk]))),
        _count(lambda: client.get(changes)),
    )
    _grow()
    # The grown programme against the last snapshot of the small one: many changes.
    march = _take("Maart")
    response = client.get(reverse("snapshot-changes", args=[march.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") > 60
    large = (
        _count(lambda: client.get(reverse("snapshot-changes", args=[march.pk]))),
        _count(lambda: client.get(changes)),
    )
    assert large == small
