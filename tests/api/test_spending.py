"""Spending requests through the API: every step with the roles that may and may not
take it, the list each role sees, the refusals (403 with the rule's reason, 409 naming
the state or the budget figures, 400 naming the field), and that a refusal changes
nothing. The requests are on OT1's lines (trekker1 leads OT1; trekker5 another team)."""

import datetime
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from budgets.models import BudgetLine
from spending import services
from spending.models import SpendingRequest, SpendingTransition
from tests import roles
from tests.api.conftest import ROLES

pytestmark = pytest.mark.django_db

URL = "/api/v1/spending-requests/"


@pytest.fixture
def line():
    return BudgetLine.objects.get(team__number=1, period__label="2021")  # 50.000,00


@pytest.fixture
def make(line, user_named):
    """``make("ingediend")``: a request of trekker1 on OT1's 2021 line in that state."""

    def in_state(state: str, *, by="trekker1", amount="1000.00") -> SpendingRequest:
        author = user_named(by)
        req = services.spending_request_create(
            by=author, budget_line=line, title=f"Verzoek {state}", amount=Decimal(amount)
        )
        if state != "concept":
            services.spending_request_submit(request_id=req.pk, by=author)
        if state == "goedgekeurd":
            services.spending_request_approve(
                request_id=req.pk, by=user_named(roles.CORE_TEAM_OTHER)
            )
        if state == "teruggestuurd":
            services.spending_request_return(
                request_id=req.pk, by=user_named(roles.CORE_TEAM_OTHER), note="Toelichten."
            )
        return SpendingRequest.objects.get(pk=req.pk)

    return in_state


def unchanged(req: SpendingRequest) -> dict:
    fresh = SpendingRequest.objects.get(pk=req.pk)
    return {
        "request": model_to_dict(fresh),
        "trail": SpendingTransition.objects.filter(request=req).count(),
        "requests": SpendingRequest.objects.count(),
    }


# -- steps per role ---------------------------------------------------------------------

STEPS = {
    # step: (state it needs, body, roles that may, state after)
    "submit": ("concept", {}, {"team_lead_this"}, "ingediend"),
    "approve": ("ingediend", {}, {"core_team", "core_team_other"}, "goedgekeurd"),
    "reject": ("ingediend", {"note": "Te duur."}, {"core_team", "core_team_other"}, "afgewezen"),
    "return": (
        "ingediend",
        {"note": "Graag toelichten."},
        {"core_team", "core_team_other"},
        "teruggestuurd",
    ),
    "withdraw": ("ingediend", {}, {"team_lead_this"}, "ingetrokken"),
    "realise": (
        "goedgekeurd",
        {"actual_amount": "900.00", "realised_on": "2021-12-01"},
        {"core_team", "core_team_other"},
        "gerealiseerd",
    ),
}
STEP_CASES = [(step, role) for step in STEPS for role in sorted(ROLES)]


@pytest.mark.parametrize(("step", "role"), STEP_CASES, ids=[f"{s}-{r}" for s, r in STEP_CASES])
def test_each_step_for_the_roles_that_may_take_it(api, make, step, role):
    state, body, allowed, after = STEPS[step]
    req = make(state)
    before = unchanged(req)
    response = api(ROLES[role]).post(f"{URL}{req.pk}/{step}/", body)
    if role in allowed:
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == after
        last = response.json()["transitions"][-1]
        assert (last["by"], last["from_state"], last["to_state"]) == (ROLES[role], state, after)
        return
    assert response.status_code == 403, response.json()
    assert response.json()["detail"]
    assert unchanged(req) == before


def test_create_for_team_leads_of_the_lines_team_and_the_core_team(api, line):
    body = {"budget_line": line.pk, "title": "Onderzoek", "amount": "2500.00"}
    for role in sorted(ROLES):
        count = SpendingRequest.objects.count()
        response = api(ROLES[role]).post(URL, body)
        if role in {"team_lead_this", "core_team", "core_team_other"}:
            assert response.status_code == 201, (role, response.json())
            data = response.json()
            assert (data["state"], data["amount"], data["year"]) == ("concept", "2500.00", 2021)
            assert data["created_by"] == ROLES[role]
        else:
            assert response.status_code == 403, role
            assert response.json()["detail"]
            assert SpendingRequest.objects.count() == count


def test_update_only_by_the_creator_while_a_draft_or_returned(api, make):
    draft = make("concept")
    assert api(roles.CORE_TEAM).patch(f"{URL}{draft.pk}/", {"amount": "5.00"}).status_code == 403
    response = api(roles.team_lead(1)).patch(
        f"{URL}{draft.pk}/", {"amount": "5.00", "title": "Nieuw"}
    )
    assert response.status_code == 200
    assert (response.json()["amount"], response.json()["title"]) == ("5.00", "Nieuw")
    returned = make("teruggestuurd")
    assert (
        api(roles.team_lead(1)).patch(f"{URL}{returned.pk}/", {"title": "Beter"}).status_code == 200
    )
    submitted = make("ingediend")
    before = unchanged(submitted)
    conflict = api(roles.team_lead(1)).patch(f"{URL}{submitted.pk}/", {"amount": "5.00"})
    assert conflict.status_code == 409
    assert (conflict.json()["code"], conflict.json()["state"]) == ("not_editable", "ingediend")
    assert unchanged(submitted) == before


# -- what each role sees -----------------------------------------------------------------


def test_the_list_shows_each_role_only_what_it_may_see(api, make, user_named, line):
    own = make("ingediend")
    other_line = BudgetLine.objects.get(team__number=5, period__label="2021")
    other = services.spending_request_create(
        by=user_named(roles.team_lead(5)), budget_line=other_line, title="OT5", amount=Decimal("10")
    )
    seen = {}
    for role in ("director", "core_team", "team_lead_this", "team_lead_other"):
        response = api(ROLES[role]).get(URL)
        assert response.status_code == 200
        seen[role] = {row["id"] for row in response.json()["results"]}
    assert seen["director"] == seen["core_team"] == {own.pk, other.pk}
    assert seen["team_lead_this"] == {own.pk}
    assert seen["team_lead_other"] == {other.pk}
    for role in ("case_owner", "functional_admin"):
        response = api(ROLES[role]).get(URL)
        assert response.status_code == 403
        assert response.json()["detail"]


def test_another_teams_request_is_403_with_the_reason_and_an_unknown_one_404(api, make):
    req = make("ingediend")
    response = api(roles.team_lead(5)).get(f"{URL}{req.pk}/")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert api(roles.team_lead(5)).post(f"{URL}{req.pk}/withdraw/", {}).status_code == 403
    assert api(roles.CORE_TEAM).get(f"{URL}999999/").status_code == 404
    assert api(roles.CORE_TEAM).post(f"{URL}999999/approve/", {}).status_code == 404


def test_the_actions_field_lists_the_steps_the_user_can_take(api, make):
    req = make("ingediend")
    assert api(roles.CORE_TEAM).get(f"{URL}{req.pk}/").json()["actions"] == [
        "approve",
        "reject",
        "return",
    ]
    assert api(roles.team_lead(1)).get(f"{URL}{req.pk}/").json()["actions"] == ["withdraw"]
    assert api(roles.DIRECTOR).get(f"{URL}{req.pk}/").json()["actions"] == []


# -- refusals: 409 for the state and the budget, 403 for four eyes, 400 for input ------


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("concept", "approve"),
        ("goedgekeurd", "approve"),
        ("concept", "reject"),
        ("concept", "withdraw"),
        ("ingediend", "realise"),
        ("ingediend", "submit"),
    ],
)
def test_a_step_the_state_does_not_allow_is_409_naming_the_state(api, make, state, step):
    req = make(state)
    before = unchanged(req)
    user = "trekker1" if step in {"submit", "withdraw"} else "kernteam1"
    body = {"note": "x", "actual_amount": "1.00", "realised_on": "2021-12-01"}
    response = api(user).post(f"{URL}{req.pk}/{step}/", body)
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "transition_not_allowed"
    assert response.json()["state"] == state
    assert unchanged(req) == before


def test_approving_twice_is_409(api, make):
    req = make("ingediend")
    assert api(roles.CORE_TEAM).post(f"{URL}{req.pk}/approve/", {}).status_code == 200
    again = api(roles.CORE_TEAM_OTHER).post(f"{URL}{req.pk}/approve/", {})
    assert again.status_code == 409
    assert again.json()["state"] == "goedgekeurd"


def test_approving_ones_own_request_is_403_four_eyes(api, make):
    req = make("ingediend", by="kernteam1")
    before = unchanged(req)
    response = api(roles.CORE_TEAM).post(f"{URL}{req.pk}/approve/", {})
    assert response.status_code == 403
    assert response.json()["detail"]
    assert unchanged(req) == before


def test_an_approval_past_the_budget_line_is_409_with_the_figures(api, make, user_named):
    big = make("ingediend", amount="45000.00")
    assert api(roles.CORE_TEAM).post(f"{URL}{big.pk}/approve/", {}).status_code == 200
    req = make("ingediend", amount="6000.00")
    before = unchanged(req)
    response = api(roles.CORE_TEAM).post(f"{URL}{req.pk}/approve/", {})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "budget_line_exceeded"
    assert (body["remaining"], body["requested"]) == ("5000.00", "6000.00")
    assert "5.000,00" in body["detail"]
    assert unchanged(req) == before


@pytest.mark.parametrize("step", ["reject", "return"])
@pytest.mark.parametrize("note", [None, "", "   "])
def test_reject_and_return_need_a_reason(api, make, step, note):
    req = make("ingediend")
    before = unchanged(req)
    body = {} if note is None else {"note": note}
    response = api(roles.CORE_TEAM).post(f"{URL}{req.pk}/{step}/", body)
    assert response.status_code == 400
    assert list(response.json()) == ["note"]
    assert unchanged(req) == before


BAD_AMOUNTS = [
    "-5.00",
    "0",
    "0.00",
    "abc",
    "",
    None,
    "1e400",
    "1e999999999",
    "NaN",
    "Infinity",
    10**20,
    "100000000.00",
    "12.345",
    "0.001",
    True,
    [1],
    {"a": 1},
    "1\x00",
]


@pytest.mark.parametrize("amount", BAD_AMOUNTS, ids=repr)
def test_bad_amounts_are_400_naming_amount_and_create_nothing(api, line, amount):
    count = SpendingRequest.objects.count()
    body = {"budget_line": line.pk, "title": "Onderzoek", "amount": amount}
    response = api(roles.team_lead(1)).post(URL, body)
    assert response.status_code == 400, response.json()
    assert list(response.json()) == ["amount"]
    assert SpendingRequest.objects.count() == count


@pytest.mark.parametrize("amount", ["-1.00", "abc", "1e400", "12.345", 10**20])
def test_bad_amounts_in_a_change_or_a_realisation_are_400(api, make, amount):
    draft = make("concept")
    before = unchanged(draft)
    response = api(roles.team_lead(1)).patch(f"{URL}{draft.pk}/", {"amount": amount})
    assert (response.status_code, list(response.json())) == (400, ["amount"])
    assert unchanged(draft) == before
    approved = make("goedgekeurd")
    before = unchanged(approved)
    body = {"actual_amount": amount, "realised_on": "2021-12-01"}
    response = api(roles.CORE_TEAM).post(f"{URL}{approved.pk}/realise/", body)
    assert (response.status_code, list(response.json())) == (400, ["actual_amount"])
    assert unchanged(approved) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("budget_line", 999999),
        ("budget_line", "abc"),
        ("budget_line", None),
        ("budget_line", 10**30),
        ("activity", 999999),
        ("year", 1999),
        ("year", 2025),
        ("year", "1e999"),
        ("title", ""),
        ("title", "x" * 201),
        ("title", "a\x00b"),
        ("description", "a\x00b"),
    ],
)
def test_bad_fields_are_400_naming_the_field(api, line, field, value):
    count = SpendingRequest.objects.count()
    body = {"budget_line": line.pk, "title": "Onderzoek", "amount": "10.00", field: value}
    response = api(roles.team_lead(1)).post(URL, body)
    assert response.status_code == 400, response.json()
    assert list(response.json()) == [field]
    assert SpendingRequest.objects.count() == count


def test_an_activity_of_another_team_is_400(api, line):
    from activities.models import Activity

    foreign = Activity.objects.filter(team__number=5).first()
    body = {"budget_line": line.pk, "title": "T", "amount": "10.00", "activity": foreign.pk}
    response = api(roles.team_lead(1)).post(URL, body)
    assert (response.status_code, list(response.json())) == (400, ["activity"])


def test_a_line_of_another_team_is_403_with_the_reason(api):
    other = BudgetLine.objects.get(team__number=5, period__label="2021")
    response = api(roles.team_lead(1)).post(
        URL, {"budget_line": other.pk, "title": "T", "amount": "1"}
    )
    assert response.status_code == 403
    assert "OT5" in response.json()["detail"]


def test_a_realisation_in_the_future_is_400(api, make):
    req = make("goedgekeurd")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    body = {"actual_amount": "10.00", "realised_on": tomorrow}
    response = api(roles.CORE_TEAM).post(f"{URL}{req.pk}/realise/", body)
    assert (response.status_code, list(response.json())) == (400, ["realised_on"])


@pytest.mark.parametrize(
    "body",
    [b'{"budget_line": 1, "title": ', b"not json", b"\xff\xfe", b"null", b"[1, 2]", b'"x"'],
)
def test_malformed_json_is_400_json(api, body):
    count = SpendingRequest.objects.count()
    response = api(roles.team_lead(1)).post(URL, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()
    assert SpendingRequest.objects.count() == count


def test_form_data_is_415(api):
    client = api(roles.team_lead(1))
    response = client.client.post(URL, {"title": "x"}, **client.headers)
    assert response.status_code == 415
    assert "detail" in response.json()


# -- four eyes and limits at realisation (issue 7, point 3) ------------------------------


def test_realising_the_own_request_or_above_the_approved_amount_is_refused(api, line):
    """The issue's reproduction: kernteam1 creates and submits € 100, kernteam2 approves;
    kernteam1 may not realise it (403, and no "realise" among its actions), and € 39.000
    is a 400 on ``actual_amount`` naming the approved € 100,00."""
    from citydeal.formatting import format_euro
    from tests.spending.conftest import dutch

    own, other = api(roles.CORE_TEAM), api(roles.CORE_TEAM_OTHER)
    created = own.post(URL, {"budget_line": line.pk, "title": "Zaal", "amount": "100.00"})
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert own.post(f"{URL}{pk}/submit/", {}).status_code == 200
    approved = other.post(f"{URL}{pk}/approve/", {})
    assert approved.status_code == 200
    assert "realise" in approved.json()["actions"]
    assert "realise" not in own.get(f"{URL}{pk}/").json()["actions"]
    req = SpendingRequest.objects.get(pk=pk)
    before = unchanged(req)

    body = {"actual_amount": "39000.00", "realised_on": "2021-12-01"}
    refused = own.post(f"{URL}{pk}/realise/", body)
    assert refused.status_code == 403
    assert refused.json()["detail"] == dutch(
        "You cannot record what was spent on a request you created or submitted "
        "yourself: another core team member does that."
    )
    too_much = other.post(f"{URL}{pk}/realise/", body)
    assert (too_much.status_code, list(too_much.json())) == (400, ["actual_amount"])
    assert format_euro(Decimal("100.00"), decimals=True) in too_much.json()["actual_amount"][0]
    outside = other.post(
        f"{URL}{pk}/realise/", {"actual_amount": "90.00", "realised_on": "2020-12-31"}
    )
    assert (outside.status_code, list(outside.json())) == (400, ["realised_on"])
    assert unchanged(req) == before

    done = other.post(
        f"{URL}{pk}/realise/", {"actual_amount": "90.00", "realised_on": "2021-12-01"}
    )
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["actual_amount"]) == ("gerealiseerd", "90.00")
