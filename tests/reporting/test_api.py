"""The snapshots in the API: read by the core team and directors, taken by the core team
(with the Idempotency-Key of every create), never changed."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from budgets.services import budget_line_update
from reporting.models import Snapshot
from reporting.services import snapshot_create
from teams.models import Programme
from tests import roles

pytestmark = pytest.mark.django_db

REFUSED = [roles.team_lead(1), roles.case_owner(roles.DORDRECHT), roles.FUNCTIONAL_ADMIN]


def _take(user_named, title="Update directeurenoverleg 24 maart") -> Snapshot:
    return snapshot_create(
        programme=Programme.objects.get(slug="cdor"), by=user_named(roles.CORE_TEAM), title=title
    )


def _post(client, data, **headers):
    return client.post(
        reverse("api-snapshot-list"), json.dumps(data), content_type="application/json", **headers
    )


@pytest.mark.parametrize("username", [roles.DIRECTOR, roles.CORE_TEAM])
def test_the_list_and_a_snapshot_with_its_figures(username, client_as, user_named):
    older = _take(user_named, "Update januari")
    newer = _take(user_named, "Update maart")
    client = client_as(username)
    listed = client.get(reverse("api-snapshot-list")).json()
    assert [row["title"] for row in listed["results"]] == ["Update maart", "Update januari"]
    assert set(listed["results"][0]) == {"id", "title", "taken_at", "taken_by"}
    assert listed["results"][0]["taken_by"] == user_named(roles.CORE_TEAM).display_name
    detail = client.get(reverse("api-snapshot-detail", args=[older.pk])).json()
    assert detail["figures"] == older.data["figures"]
    assert detail["version"] == 1
    assert newer.pk != older.pk


def test_the_changes_since_the_previous_snapshot(client_as, user_named):
    first = _take(user_named, "Update januari")
    line = BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )
    old = f"{line.amount:.2f}"
    budget_line_update(
        line=line, by=user_named(roles.CORE_TEAM), amount=Decimal("61000.00"), main_activities=""
    )
    second = _take(user_named, "Update maart")
    client = client_as(roles.DIRECTOR)
    body = client.get(reverse("api-snapshot-changes", args=[second.pk])).json()
    assert (body["snapshot"], body["previous"]) == (second.pk, first.pk)
    (change,) = body["changes"]
    assert change["kind"] == "budget_line"
    assert change["team"] == "OT1"
    assert (change["was"], change["now"]) == ({"amount": old}, {"amount": "61000.00"})
    assert change["url"] == reverse("budget-line-detail", args=[line.pk])
    first_body = client.get(reverse("api-snapshot-changes", args=[first.pk])).json()
    assert (first_body["previous"], first_body["changes"]) == (None, [])


def test_the_core_team_takes_one_and_a_retry_gives_the_same(client_as):
    client = client_as(roles.CORE_TEAM)
    data = {"title": "Update directeurenoverleg 24 maart"}
    first = _post(client, data, HTTP_IDEMPOTENCY_KEY="snapshot-24-maart")
    assert first.status_code == 201
    assert first.json()["title"] == data["title"]
    assert "figures" in first.json()
    again = _post(client, data, HTTP_IDEMPOTENCY_KEY="snapshot-24-maart")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Snapshot.objects.count() == 1
    other = _post(client, {"title": "Anders"}, HTTP_IDEMPOTENCY_KEY="snapshot-24-maart")
    assert other.status_code == 422
    assert Snapshot.objects.count() == 1


@pytest.mark.parametrize("username", [roles.DIRECTOR, *REFUSED])
def test_only_the_core_team_takes_one(username, client_as):
    response = _post(client_as(username), {"title": "Update"})
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("username", REFUSED)
def test_others_read_no_snapshot(username, client_as, user_named):
    snapshot = _take(user_named)
    client = client_as(username)
    for url in (
        reverse("api-snapshot-list"),
        reverse("api-snapshot-detail", args=[snapshot.pk]),
        reverse("api-snapshot-changes", args=[snapshot.pk]),
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(
    ("data", "field"),
    [({}, "title"), ({"title": ""}, "title"), ({"title": "Twee\nregels"}, "title")],
)
def test_a_title_that_does_not_do_is_400_and_takes_nothing(data, field, client_as):
    response = _post(client_as(roles.CORE_TEAM), data)
    assert response.status_code == 400
    assert field in response.json()
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_snapshot_never_changes_through_the_api(method, client_as, user_named):
    snapshot = _take(user_named)
    client = client_as(roles.CORE_TEAM)
    response = getattr(client, method)(
        reverse("api-snapshot-detail", args=[snapshot.pk]),
        json.dumps({"title": "Anders"}),
        content_type="application/json",
    )
    assert response.status_code == 405
    assert Snapshot.objects.get(pk=snapshot.pk).title == snapshot.title


def test_anonymous_requests_get_401(client):
    assert client.get(reverse("api-snapshot-list")).status_code == 401
