"""The API's creates honour ``Idempotency-Key``: the same key from the same user within
24 hours answers the first response again and creates nothing; the same key for another
request is 422; a key that does not do is 400."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from activities.models import Activity
from budgets.models import BudgetLine, Decision
from citydeal.models import IdempotencyKey
from citydeal.services import idempotency_keys_purge
from events.models import Event
from reporting.models import Snapshot
from spending.models import SpendingRequest
from teams.models import Goal

pytestmark = pytest.mark.django_db

URL = "/api/v1/spending-requests/"


@pytest.fixture
def line():
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )


@pytest.fixture
def post(token_of):
    """``post("trekker1", url, body, key)``: a JSON POST with the user's token and a key."""

    def send(username: str, url: str, body: dict, key: str | None = None):
        headers = {"HTTP_AUTHORIZATION": f"Token {token_of(username)}"}
        if key is not None:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        return Client().post(url, json.dumps(body), content_type="application/json", **headers)

    return send


def draft(line, **changes) -> dict:
    return {"budget_line": line.pk, "title": "Onderzoeksbureau", "amount": "12500.00", **changes}


def test_the_same_key_twice_creates_once_and_answers_the_first_response_again(post, line):
    first = post("trekker1", URL, draft(line), "3f1c-retry")
    second = post("trekker1", URL, draft(line), "3f1c-retry")

    assert SpendingRequest.objects.filter(title="Onderzoeksbureau").count() == 1
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first


def test_the_same_key_with_another_body_is_422_and_creates_nothing(post, line):
    post("trekker1", URL, draft(line), "k-1")
    response = post("trekker1", URL, draft(line, amount="99.00"), "k-1")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in response.json()["detail"]
    assert SpendingRequest.objects.filter(title="Onderzoeksbureau").count() == 1


def test_the_same_key_on_another_create_is_422(post, line):
    post("kernteam1", URL, draft(line), "k-2")
    before = Event.objects.count()
    response = post(
        "kernteam1",
        "/api/v1/events/",
        {"kind": "atelier", "title": "Atelier 4", "date": "2022-03-17"},
        "k-2",
    )
    assert response.status_code == 422
    assert Event.objects.count() == before


def test_the_same_key_from_two_users_makes_two_requests(post, line):
    assert post("trekker1", URL, draft(line), "shared").status_code == 201
    second = post("kernteam1", URL, draft(line), "shared")
    assert second.status_code == 201
    assert "Idempotent-Replayed" not in second
    creators = SpendingRequest.objects.filter(title="Onderzoeksbureau").values_list(
        "created_by__username", flat=True
    )
    assert sorted(creators) == ["kernteam1", "trekker1"]


def test_a_key_older_than_24_hours_creates_again(post, line):
    first = post("trekker1", URL, draft(line), "yesterday")
    IdempotencyKey.objects.update(
        created=IdempotencyKey.objects.get().created - datetime.timedelta(hours=24, seconds=1)
    )
    second = post("trekker1", URL, draft(line), "yesterday")
    assert second.status_code == 201
    assert "Idempotent-Replayed" not in second
    assert second.json()["id"] != first.json()["id"]
    assert SpendingRequest.objects.filter(title="Onderzoeksbureau").count() == 2
    assert IdempotencyKey.objects.count() == 1  # the old use of the key is gone


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("", id="empty"),
        pytest.param("x" * 256, id="too-long"),
        pytest.param("caf\u00e9", id="not-ascii"),
        pytest.param("tab\there", id="control-character"),
    ],
)
def test_a_key_that_does_not_do_is_400_naming_the_header(post, line, key):
    response = post("trekker1", URL, draft(line), key)
    assert response.status_code == 400
    assert list(response.json()) == ["Idempotency-Key"]
    assert not SpendingRequest.objects.filter(title="Onderzoeksbureau").exists()


def test_a_key_of_255_printable_characters_does(post, line):
    key = ("a !~" * 64)[:255]
    assert post("trekker1", URL, draft(line), key).status_code == 201
    assert post("trekker1", URL, draft(line), key)["Idempotent-Replayed"] == "true"


def test_a_refused_create_keeps_nothing_so_the_corrected_one_goes_through_once(post, line):
    refused = post("trekker1", URL, draft(line, amount="-1"), "fix-and-retry")
    assert refused.status_code == 400
    assert post("trekker1", URL, draft(line), "fix-and-retry").status_code == 201
    again = post("trekker1", URL, draft(line), "fix-and-retry")
    assert again["Idempotent-Replayed"] == "true"
    assert SpendingRequest.objects.filter(title="Onderzoeksbureau").count() == 1


def test_a_wrong_role_is_refused_with_a_key_as_without_one(post, line):
    for _ in range(2):
        response = post("casus-dordrecht", URL, draft(line), "not-mine")
        assert response.status_code == 403
    assert not IdempotencyKey.objects.exists()


def test_key_order_and_spacing_of_the_body_do_not_make_it_another_request(token_of, line):
    headers = {
        "HTTP_AUTHORIZATION": f"Token {token_of('trekker1')}",
        "HTTP_IDEMPOTENCY_KEY": "same-json",
    }
    bodies = [json.dumps(draft(line)), json.dumps(dict(reversed(draft(line).items())), indent=2)]
    answers = [
        Client().post(URL, body, content_type="application/json", **headers) for body in bodies
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[1]["Idempotent-Replayed"] == "true"


def _activity():
    return {
        "team": 1,
        "title": "Workshop data-standaarden",
        "goal": Goal.objects.filter(team__programme__slug="cdor", team__number=1).first().pk,
    }


CREATES = {
    "activities": ("trekker1", _activity, Activity),
    "decisions": (
        "kernteam1",
        lambda: {"date": "2021-12-09", "meeting": "Kernteam", "text": "Groen licht."},
        Decision,
    ),
    "events": (
        "kernteam1",
        lambda: {"kind": "atelier", "title": "Atelier 4", "date": "2022-03-17"},
        Event,
    ),
    "snapshots": (
        "kernteam1",
        lambda: {"title": "Update directeurenoverleg 24 maart"},
        Snapshot,
    ),
}


@pytest.mark.parametrize("resource", CREATES)
def test_every_create_of_the_api_honours_the_key(post, resource):
    username, body, model = CREATES[resource]
    before = model.objects.count()
    url = f"/api/v1/{resource}/"
    first = post(username, url, body(), f"{resource}-1")
    second = post(username, url, body(), f"{resource}-1")
    assert first.status_code == 201, first.content
    assert (second.status_code, second.content) == (201, first.content)
    assert second["Idempotent-Replayed"] == "true"
    assert model.objects.count() == before + 1


def test_purging_deletes_only_the_keys_past_24_hours(post, line):
    post("trekker1", URL, draft(line), "old")
    post("trekker1", URL, draft(line, title="Tweede"), "new")
    old = IdempotencyKey.objects.get(key="old")
    IdempotencyKey.objects.filter(pk=old.pk).update(
        created=old.created - datetime.timedelta(hours=25)
    )
    assert idempotency_keys_purge() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def test_the_purge_command_reports_what_it_deleted(post, line):
    post("trekker1", URL, draft(line), "old")
    IdempotencyKey.objects.update(created=datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC))
    out = io.StringIO()
    call_command("purge_idempotency_keys", stdout=out)
    assert "1 expired idempotency keys deleted." in out.getvalue()
    assert not IdempotencyKey.objects.exists()


def test_the_schema_documents_the_key_on_every_create_and_only_there():
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    with_key = {
        (path, method)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    }
    assert with_key == {
        (f"/api/v1/{resource}/", "post")
        for resource in (
            "activities",
            "decisions",
            "events",
            "spending-requests",
            "workshop-slots",
            "bookings",
            "snapshots",
        )
    }
    for path, method in with_key:
        operation = document["paths"][path][method]
        assert "422" in operation["responses"]
        assert "Idempotent-Replayed" in operation["responses"]["201"]["headers"]
