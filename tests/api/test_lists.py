"""Lists: pagination (a page past the last is a 404 in JSON), filters (django-filter),
and filter values that do not do: 400 naming the filter, never 500."""

import pytest

from tests import roles

pytestmark = pytest.mark.django_db


def test_lists_are_paginated(api):
    client = api(roles.DIRECTOR)
    first = client.get("/api/v1/related-programmes/").json()
    assert first["count"] > 50
    assert len(first["results"]) == 50
    assert first["next"].endswith("?page=2")
    second = client.get("/api/v1/related-programmes/", {"page": 2}).json()
    assert len(second["results"]) == first["count"] - 50
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})


@pytest.mark.parametrize("page", ["99999", "0", "-1", "abc", "\x00", "1e9", "9" * 400])
def test_a_page_out_of_range_is_404_json(api, page):
    response = api(roles.DIRECTOR).get("/api/v1/teams/", {"page": page})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("resource", "params", "expected"),
    [
        ("goals", {"team": 1}, lambda r: {g["team"] for g in r} == {1}),
        ("activities", {"team": 2, "status": "planned"}, lambda r: {a["team"] for a in r} == {2}),
        ("budget-lines", {"period": 1}, lambda r: len(r) == 6 and {x["period"] for x in r} == {1}),
        ("budget-periods", {"year": 2023}, lambda r: [p["label"] for p in r] == ["2022-2023"]),
        ("budget-spaces", {"year": 2022}, lambda r: [s["year"] for s in r] == [2022]),
        ("teams", {"search": "uitvoering"}, lambda r: len(r) >= 1),
        (
            "events",
            {"date_after": "2021-10-01", "date_before": "2021-12-31"},
            lambda r: all("2021-10-01" <= e["date"] <= "2021-12-31" for e in r),
        ),
        (
            "decisions",
            {"date_after": "2021-10-14", "date_before": "2021-10-14"},
            lambda r: {d["date"] for d in r} == {"2021-10-14"},
        ),
        ("cases", {"team": 5}, lambda r: len(r) >= 1),
        ("contacts", {"search": "zzz-nobody"}, lambda r: r == []),
    ],
)
def test_filters(api, resource, params, expected):
    response = api(roles.DIRECTOR).get(f"/api/v1/{resource}/", params)
    assert response.status_code == 200, response.json()
    assert expected(response.json()["results"])


def test_spending_filters(api, user_named):
    from decimal import Decimal

    from budgets.models import BudgetLine
    from spending import services

    lead = user_named(roles.team_lead(1))
    line = BudgetLine.objects.get(pk=1)
    draft = services.spending_request_create(
        by=lead, budget_line=line, title="Klein", amount=Decimal("10.00")
    )
    sent = services.spending_request_create(
        by=lead, budget_line=line, title="Groot onderzoek", amount=Decimal("9000.00")
    )
    services.spending_request_submit(request_id=sent.pk, by=lead)
    client = api(roles.CORE_TEAM)

    def ids(**params):
        response = client.get("/api/v1/spending-requests/", params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids(state="ingediend") == {sent.pk}
    assert ids(state="concept") == {draft.pk}
    assert ids(team=1, period=1) == {draft.pk, sent.pk}
    assert ids(team=2) == set()
    assert ids(amount_min="100.00") == {sent.pk}
    assert ids(amount_max="100") == {draft.pk}
    assert ids(search="onderzoek") == {sent.pk}
    assert ids(submitted_after="2000-01-01") == {sent.pk}
    assert ids(submitted_before="2000-01-01") == set()
    assert ids(year=2021) == {draft.pk, sent.pk}


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("spending-requests", {"team": "\x00"}),
        ("spending-requests", {"team": "abc"}),
        ("spending-requests", {"team": "99999999999999999999999"}),
        ("spending-requests", {"state": "gestolen"}),
        ("spending-requests", {"submitted_after": "notadate"}),
        ("spending-requests", {"submitted_before": "99999-01-01"}),
        ("spending-requests", {"amount_min": "1e999"}),
        ("spending-requests", {"amount_max": "NaN"}),
        ("spending-requests", {"year": "1e999"}),
        ("spending-requests", {"search": "a\x00b"}),
        ("events", {"date_after": "notadate"}),
        ("decisions", {"date_before": "2021-13-45"}),
        ("teams", {"number": "\x00"}),
        ("activities", {"status": "\x00"}),
        ("budget-periods", {"year": "x"}),
        ("cases", {"team": "-1"}),
    ],
)
def test_bad_filter_values_are_400_naming_the_filter(api, resource, params):
    response = api(roles.CORE_TEAM).get(f"/api/v1/{resource}/", params)
    assert response.status_code == 400, response.content
    assert list(response.json()) == list(params)


@pytest.mark.parametrize(
    "path",
    ["teams/abc/", "teams/1.5/", "teams/%00/", "spending-requests/1/nonsense/", "goals/1/x/y/"],
)
def test_a_path_that_is_no_id_is_404_json(api, path):
    response = api(roles.CORE_TEAM).get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_unknown_id_is_404_json(api):
    for resource in ("teams", "spending-requests", "budget-lines", "events"):
        response = api(roles.CORE_TEAM).get(f"/api/v1/{resource}/99999999999999999999/")
        assert response.status_code == 404
        assert "detail" in response.json()


def test_the_throttle_answers_429_json_past_the_rate(api, settings, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {
        "anon": "60/min",
        "user": "1000/min",
        "token": "20/min",
    }
    monkeypatch.setattr(UserRateThrottle, "rate", "3/min", raising=False)
    client = api(roles.DIRECTOR)
    assert [client.get("/api/v1/teams/").status_code for _ in range(3)] == [200] * 3
    response = client.get("/api/v1/teams/")
    assert response.status_code == 429
    assert "detail" in response.json()
    assert api(roles.CORE_TEAM).get("/api/v1/teams/").status_code == 200  # per user
