"""The README's curl walk-through, step by step through the test client with the same
JSON bodies (each body is checked to be in the README word for word)."""

import json
from pathlib import Path

import pytest

from budgets.models import BudgetLine
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")

TOKEN_LEAD = '{"username": "trekker1", "password": "citydeal2021"}'
TOKEN_CORE = '{"username": "kernteam1", "password": "citydeal2021"}'
CREATE = (
    '{"budget_line": 1, "title": "Inventarisatie afwegingsinstrumenten", '
    '"description": "Onderzoeksbureau, fase 1", "amount": "12500.00"}'
)
SUBMIT = "{}"
APPROVE = '{"note": "Groen licht, kernteam 14 oktober"}'


def test_the_bodies_are_the_readmes():
    for body in (TOKEN_LEAD, TOKEN_CORE, CREATE, SUBMIT, APPROVE):
        assert f"-d '{body}'" in README, body
    assert PASSWORD == "citydeal2021"
    assert "$API/budget-lines/?team=1&period=1" in README


def test_the_readme_flow(client):
    line = BudgetLine.objects.get(team__number=1, period__label="2021")
    assert (line.pk, line.team_id, line.period_id) == (1, 1, 1), "the README's ids"

    def post(url, body, token=None):
        headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
        return client.post(url, body, content_type="application/json", **headers)

    lead = post("/api/v1/auth/token/", TOKEN_LEAD).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {lead}"}
    lines = client.get("/api/v1/budget-lines/", {"team": 1, "period": 1}, **auth).json()
    assert [(r["id"], r["remaining"]) for r in lines["results"]] == [(1, "50000.00")]

    created = post("/api/v1/spending-requests/", CREATE, lead)
    assert created.status_code == 201, created.json()
    assert created.json()["state"] == "concept"
    request_id = created.json()["id"]

    submitted = post(f"/api/v1/spending-requests/{request_id}/submit/", SUBMIT, lead)
    assert submitted.json()["state"] == "ingediend"

    core = post("/api/v1/auth/token/", TOKEN_CORE).json()["token"]
    approved = post(f"/api/v1/spending-requests/{request_id}/approve/", APPROVE, core)
    assert approved.status_code == 200, approved.json()
    assert approved.json()["state"] == "goedgekeurd"
    assert approved.json()["transitions"][-1]["note"] == json.loads(APPROVE)["note"]

    figures = client.get("/api/v1/budget-lines/1/", **auth).json()
    assert (figures["approved"], figures["remaining"]) == ("12500.00", "37500.00")

    again = post(f"/api/v1/spending-requests/{request_id}/approve/", "{}", core)
    assert again.status_code == 409
    assert (again.json()["code"], again.json()["state"]) == (
        "transition_not_allowed",
        "goedgekeurd",
    )
