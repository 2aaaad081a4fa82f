"""Every endpoint with every role: who reads, who writes, and that a refused write
answers 403 with the rule's reason and changes nothing. Anonymous requests get 401.

"This" team is OT1 (trekker1 leads it), "this" case is the Componistenbuurt
(casus-dordrecht owns it).
"""

import pytest
from django.apps import apps
from django.forms.models import model_to_dict

from activities.models import Activity
from budgets.models import BudgetLine, BudgetSpace
from cases.models import Case
from events.models import Event
from partners.models import RelatedProgramme
from teams.models import Goal
from tests import roles
from tests.api.conftest import ROLES

pytestmark = pytest.mark.django_db

EVERY_ROLE = sorted(ROLES)
NOT_SPENDING = {"case_owner", "functional_admin"}

RESOURCES = {
    "teams": lambda: 1,
    "goals": lambda: Goal.objects.filter(team__number=1).order_by("order").first().pk,
    "activities": lambda: Activity.objects.filter(team__number=1).order_by("order").first().pk,
    "budget-periods": lambda: 1,
    "budget-lines": lambda: 1,
    "budget-spaces": lambda: BudgetSpace.objects.get(year=2022).pk,
    "decisions": lambda: 1,
    "cases": lambda: _case().pk,
    "organisations": lambda: 1,
    "contacts": lambda: 1,
    "related-programmes": lambda: (
        RelatedProgramme.objects.filter(team__number=1).order_by("order").first().pk
    ),
    "events": lambda: Event.objects.order_by("pk").first().pk,
}


def _case() -> Case:
    return Case.objects.get(slug="dordtse-buurtaanpak-componistenbuurt")


def snapshot(obj=None) -> dict:
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"teams", "activities", "budgets", "cases", "partners", "events", "spending"}
    }
    if obj is not None:
        obj.refresh_from_db()
    return {"counts": counts, "obj": model_to_dict(obj) if obj is not None else None}


@pytest.mark.parametrize("resource", sorted(RESOURCES))
@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_role_reads_every_resource(api, resource, role):
    client = api(ROLES[role])
    listing = client.get(f"/api/v1/{resource}/")
    assert listing.status_code == 200
    assert listing.json()["count"] >= 1
    detail = client.get(f"/api/v1/{resource}/{RESOURCES[resource]()}/")
    assert detail.status_code == 200
    assert detail.json()["id"] == RESOURCES[resource]()


@pytest.mark.parametrize("resource", [*sorted(RESOURCES), "spending-requests"])
def test_anonymous_requests_get_401(api, resource):
    for response in (
        api(None).get(f"/api/v1/{resource}/"),
        api(None).get(f"/api/v1/{resource}/1/"),
        api(None).post(f"/api/v1/{resource}/", {}),
        api(None).patch(f"/api/v1/{resource}/1/", {}),
    ):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert "detail" in response.json()


def test_a_user_without_a_role_gets_403_with_the_reason(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("norole", password="x"))
    response = client.get("/api/v1/teams/")
    assert response.status_code == 403
    assert "beheerder" in response.json()["detail"] or "admin" in response.json()["detail"]


# -- writes: (method, url, body, subject, the roles that may) -----------------------------


def _goal():
    return Goal.objects.filter(team__number=1).order_by("order").first()


def _activity():
    return Activity.objects.filter(team__number=1).order_by("order").first()


def _related():
    return RelatedProgramme.objects.filter(team__number=1).order_by("order").first()


def _line():
    return BudgetLine.objects.get(pk=1)


def _space():
    return BudgetSpace.objects.get(year=2022)


def _event():
    return Event.objects.order_by("pk").first()


WRITES = {
    "goal": (
        "patch",
        lambda: f"/api/v1/goals/{_goal().pk}/",
        {"title": "Nieuw"},
        _goal,
        {"team_lead_this"},
    ),
    "activity-create": (
        "post",
        lambda: "/api/v1/activities/",
        {"team": 1, "title": "Nieuwe activiteit"},
        None,
        {"team_lead_this"},
    ),
    "activity": (
        "patch",
        lambda: f"/api/v1/activities/{_activity().pk}/",
        {"title": "Gewijzigd", "estimate_min": "1000.00", "estimate_max": "2000.00"},
        _activity,
        {"team_lead_this"},
    ),
    "related-programme": (
        "patch",
        lambda: f"/api/v1/related-programmes/{_related().pk}/",
        {"remark": "Gewijzigd"},
        _related,
        {"team_lead_this"},
    ),
    "case": (
        "patch",
        lambda: f"/api/v1/cases/{_case().pk}/",
        {"contact": "Iemand anders"},
        _case,
        {"case_owner"},
    ),
    "budget-line": (
        "patch",
        lambda: "/api/v1/budget-lines/1/",
        {"amount": "60000.00"},
        _line,
        {"core_team", "core_team_other"},
    ),
    "budget-space": (
        "put",
        lambda: f"/api/v1/budget-spaces/{_space().pk}/",
        {"amount_min": "400000.00", "amount_max": "450000.00", "carries_over": False, "note": ""},
        _space,
        {"core_team", "core_team_other"},
    ),
    "decision-create": (
        "post",
        lambda: "/api/v1/decisions/",
        {"date": "2022-01-10", "meeting": "Kernteam", "text": "Besloten", "budget_lines": [1]},
        None,
        {"core_team", "core_team_other"},
    ),
    "event-create": (
        "post",
        lambda: "/api/v1/events/",
        {"kind": "atelier", "title": "Atelier", "date": "2022-03-01", "teams": [1]},
        None,
        {"core_team", "core_team_other"},
    ),
    "event": (
        "patch",
        lambda: f"/api/v1/events/{_event().pk}/",
        {"place": "Utrecht"},
        _event,
        {"core_team", "core_team_other"},
    ),
}
WRITE_CASES = [(name, role) for name in sorted(WRITES) for role in EVERY_ROLE]


@pytest.mark.parametrize(("name", "role"), WRITE_CASES, ids=[f"{n}-{r}" for n, r in WRITE_CASES])
def test_writes_only_for_the_roles_the_pages_allow(api, name, role):
    method, url, body, subject, allowed = WRITES[name]
    obj = subject() if subject else None
    before = snapshot(obj)
    response = api(ROLES[role]).send(method, url(), body)
    if role in allowed:
        assert response.status_code == (201 if method == "post" else 200), response.json()
        for field, value in body.items():
            if field not in {"team", "teams", "budget_lines"}:
                assert response.json()[field] == value, field
        return
    assert response.status_code == 403, response.json()
    assert response.json()["detail"]
    assert snapshot(obj) == before, "a refused write changed something"


@pytest.mark.parametrize("resource", ["teams", "budget-periods", "organisations", "contacts"])
def test_read_only_resources_refuse_writes_with_405(api, resource):
    client = api(roles.CORE_TEAM)
    for response in (
        client.post(f"/api/v1/{resource}/", {}),
        client.patch(f"/api/v1/{resource}/1/", {}),
        client.delete(f"/api/v1/{resource}/1/"),
    ):
        assert response.status_code == 405
        assert "detail" in response.json()


def test_nothing_is_deleted_through_the_api(api):
    client = api(roles.CORE_TEAM)
    for resource in ("goals", "activities", "budget-lines", "decisions", "cases", "events"):
        assert client.delete(f"/api/v1/{resource}/{RESOURCES[resource]()}/").status_code == 405


def test_decisions_are_recorded_not_changed(api):
    assert api(roles.CORE_TEAM).patch("/api/v1/decisions/1/", {"text": "x"}).status_code == 405


def test_a_write_is_kept_in_the_history_as_the_users_change(api, user_named):
    response = api(roles.team_lead(1)).patch(
        f"/api/v1/goals/{_goal().pk}/", {"text": "Nieuwe tekst"}
    )
    assert response.status_code == 200
    record = _goal().history.order_by("-history_date").first()
    assert record.history_user == user_named(roles.team_lead(1))


def test_session_writes_need_the_csrf_token(user_named):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user_named(roles.team_lead(1)))
    url = f"/api/v1/goals/{_goal().pk}/"
    refused = browser.patch(url, {"title": "Nieuw"}, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    browser.get("/")  # the page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(
        url, {"title": "Nieuw"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200
    assert browser.get("/api/v1/teams/").status_code == 200  # reads need no token


def test_a_token_needs_no_csrf_token(api):
    assert (
        api(roles.team_lead(1)).patch(f"/api/v1/goals/{_goal().pk}/", {"title": "N"}).status_code
        == 200
    )
