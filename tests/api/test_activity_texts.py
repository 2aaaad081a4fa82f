"""The activities API reads the plan's texts as the activity form does: a new
``planning_label`` or ``estimate_text`` fills in the structured fields the request does
not send; what is sent wins; a text the portal cannot read is kept and fills in nothing;
a retried request changes nothing more."""

import datetime
from decimal import Decimal

import pytest

from activities.models import Activity, PlanningKind
from teams.models import Team
from tests import roles


@pytest.fixture
def activity(db) -> Activity:
    """OT1's first activity: "najaar '21 – zomer '22", "ca. 50-60k"."""
    return Activity.objects.get(team__number=1, order=1)


def _url(activity: Activity) -> str:
    return f"/api/v1/activities/{activity.pk}/"


def _stored(activity: Activity) -> Activity:
    return Activity.objects.get(pk=activity.pk)


def test_a_new_planning_text_sets_the_kind_and_the_months(api, activity):
    response = api(roles.team_lead(1)).patch(_url(activity), {"planning_label": "Q1 2022"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["planning_label"], body["planning_kind"]) == ("Q1 2022", "period")
    assert (body["start_month"], body["end_month"]) == ("2022-01-01", "2022-03-01")
    stored = _stored(activity)
    assert (stored.planning_kind, stored.start_month, stored.end_month) == (
        PlanningKind.PERIOD,
        datetime.date(2022, 1, 1),
        datetime.date(2022, 3, 1),
    )
    # The estimate, not sent, is as it was.
    assert (stored.estimate_min, stored.estimate_max) == (Decimal("50000"), Decimal("60000"))


def test_a_new_estimate_text_sets_the_amounts(api, activity):
    client = api(roles.team_lead(1))
    client.patch(_url(activity), {"estimate_text": "PM"})
    assert _stored(activity).estimate_min is None
    response = client.patch(_url(activity), {"estimate_text": "ca. 50-60k"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["estimate_min"], body["estimate_max"]) == ("50000.00", "60000.00")
    assert body["estimate_doubtful"] is False
    response = client.patch(_url(activity), {"estimate_text": "40-50k?"})
    body = response.json()
    assert (body["estimate_min"], body["estimate_max"], body["estimate_doubtful"]) == (
        "40000.00",
        "50000.00",
        True,
    )


def test_fields_that_are_sent_win_over_the_text(api, activity):
    response = api(roles.team_lead(1)).patch(
        _url(activity),
        {
            "planning_label": "Q1 2022",
            "start_month": "2022-02-01",
            "estimate_text": "ca. 50-60k",
            "estimate_min": "45000.00",
            "estimate_max": "65000.00",
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    # Sent: the start month and the amounts; read from the text: the kind and the end.
    assert (body["planning_kind"], body["start_month"], body["end_month"]) == (
        "period",
        "2022-02-01",
        "2022-03-01",
    )
    assert (body["estimate_min"], body["estimate_max"]) == ("45000.00", "65000.00")


def test_an_unreadable_text_is_kept_and_fills_in_nothing(api, activity):
    before = _stored(activity)
    response = api(roles.team_lead(1)).patch(
        _url(activity), {"planning_label": "winter '22", "estimate_text": "een paar ton"}
    )
    assert response.status_code == 200, response.json()
    stored = _stored(activity)
    assert (stored.planning_label, stored.estimate_text) == ("winter '22", "een paar ton")
    assert (stored.planning_kind, stored.start_month, stored.end_month) == (
        before.planning_kind,
        before.start_month,
        before.end_month,
    )
    assert (stored.estimate_min, stored.estimate_max, stored.estimate_doubtful) == (
        before.estimate_min,
        before.estimate_max,
        before.estimate_doubtful,
    )
    # With the fields sent beside it, those are stored.
    response = api(roles.team_lead(1)).patch(
        _url(activity), {"planning_label": "winter '22/'23", "planning_kind": "tbd"}
    )
    assert response.json()["planning_kind"] == "tbd"
    assert response.json()["start_month"] == before.start_month.isoformat()


def test_an_unchanged_text_keeps_a_correction_of_the_fields(api, activity):
    client = api(roles.team_lead(1))
    client.patch(_url(activity), {"end_month": "2022-06-01"})
    # The same text again, with another field: the correction stays.
    response = client.patch(
        _url(activity), {"planning_label": activity.planning_label, "title": "Anders"}
    )
    assert response.json()["end_month"] == "2022-06-01"


def test_a_retried_patch_changes_nothing_more(api, activity):
    client = api(roles.team_lead(1))
    records = activity.history.count()
    body = {"planning_label": "Q1 2022", "estimate_text": "ca. 50-60k"}
    first = client.patch(_url(activity), body)
    again = client.patch(_url(activity), body)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert activity.history.count() == records + 1


def test_a_new_activity_is_filled_in_from_its_texts(api):
    team = Team.objects.get(number=1)
    response = api(roles.team_lead(1)).post(
        "/api/v1/activities/",
        {
            "team": team.pk,
            "title": "Verkenning",
            "planning_label": "vanaf jan '22",
            "estimate_text": "€ 12.500",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["planning_kind"], body["start_month"], body["end_month"]) == (
        "from",
        "2022-01-01",
        None,
    )
    assert (body["estimate_min"], body["estimate_max"]) == ("12500.00", "12500.00")


def test_a_put_reads_a_new_text_too(api, activity):
    response = api(roles.team_lead(1)).put(
        _url(activity), {"title": activity.title, "planning_label": "doorlopend"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["planning_kind"] == "ongoing"
    assert response.json()["start_month"] is None


@pytest.mark.parametrize("username", [roles.team_lead(2), roles.DIRECTOR, roles.CORE_TEAM])
def test_others_cannot_change_it_through_the_text(api, activity, username):
    before = _stored(activity)
    response = api(username).patch(_url(activity), {"planning_label": "Q1 2022"})
    assert response.status_code == 403
    assert "detail" in response.json()
    stored = _stored(activity)
    assert (stored.planning_label, stored.start_month) == (
        before.planning_label,
        before.start_month,
    )
