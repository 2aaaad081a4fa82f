"""The API shows the portal's readings of the plan on the objects that carry them, as a
read-only ``readings`` list, read in one query per response."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity
from cases.models import Case
from citydeal.models import Reading
from citydeal.plan_readings import CASE_COST_COLUMNS, KERNTEAM_14_OKTOBER
from events.models import Event
from tests import roles

pytestmark = pytest.mark.django_db

API = "/api/v1"


def reading_queries(call) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    return response, sum('"citydeal_reading"' in query["sql"] for query in queries)


def by_field(readings: list[dict]) -> dict[str, dict]:
    return {reading["field"]: reading for reading in readings}


def test_the_case_list_shows_each_cases_readings_in_one_query(api):
    client = api(roles.DIRECTOR)
    response, queries = reading_queries(lambda: client.get(f"{API}/cases/"))

    assert response.status_code == 200
    assert queries == 1
    cases = {row["slug"]: row for row in response.json()["results"]}
    case_9 = by_field(cases["onvoorzien-overige-cdor-casussen"]["readings"])
    assert set(case_9) == {"costs", "other_municipalities"}
    assert case_9["costs"]["plan_words"] == CASE_COST_COLUMNS
    assert "Apeldoorn en Tilburg" in case_9["other_municipalities"]["reading"]
    assert set(by_field(cases["landelijke-wijktypenkaart"]["readings"])) == {"costs"}
    assert set(by_field(cases["integraal-gebiedsplan-wallengebied"]["readings"])) == {""}


def test_one_case_shows_its_readings(api):
    case = Case.objects.get(slug="ontwerpen-met-algoritme-ondergronds")
    response = api(roles.case_owner(roles.DORDRECHT)).get(f"{API}/cases/{case.pk}/")
    assert response.status_code == 200
    readings = by_field(response.json()["readings"])
    assert set(readings) == {"costs", "teams"}
    assert "OT1" in readings["teams"]["reading"]


def test_events_decisions_and_activities_show_theirs(api):
    event = Event.objects.get(slug="kernteam-2021-10-14")
    client = api(roles.CORE_TEAM)

    response = client.get(f"{API}/events/{event.pk}/")
    assert by_field(response.json()["readings"])["date"]["plan_words"] == KERNTEAM_14_OKTOBER

    response, queries = reading_queries(lambda: client.get(f"{API}/decisions/"))
    assert queries == 1
    for decision in response.json()["results"]:
        assert (
            by_field(decision["readings"])["date"]["plan_words"].startswith(
                "Het kernteam van de City Deal gaf op 14 oktober"
            )
            or "datzelfde kernteam" in by_field(decision["readings"])["date"]["plan_words"]
        )

    activity = Activity.objects.get(team__number=1, order=5)
    response = client.get(f"{API}/activities/{activity.pk}/")
    assert set(by_field(response.json()["readings"])) == {"cases"}
    other = Activity.objects.get(team__number=6, order=1)
    assert client.get(f"{API}/activities/{other.pk}/").json()["readings"] == []


def test_readings_are_read_only_through_the_api(api):
    case = Case.objects.get(slug=roles.DORDRECHT)
    before = list(Reading.objects.order_by("pk").values())

    response = api(roles.case_owner(roles.DORDRECHT)).patch(
        f"{API}/cases/{case.pk}/",
        {"readings": [{"field": "contact", "plan_words": "x", "reading": "y"}]},
    )

    assert response.status_code == 200
    assert list(Reading.objects.order_by("pk").values()) == before
    assert {r["field"] for r in response.json()["readings"]} == {"costs", "contact"}
