"""The steps a user may take on a spending request are computed in one place
(``spending.permissions.spending_actions_for``): the page's buttons and the API's
``actions`` are that answer, for every role and state; and the spending services'
conflicts are the kernel's ``Conflict``, so the API's 409 needs no spending import."""

import datetime
from decimal import Decimal

import pytest

from budgets.models import BudgetLine
from citydeal.exceptions import Conflict
from spending import services
from spending.exceptions import BudgetExceeded, TransitionNotAllowed
from spending.models import SpendingRequest
from spending.permissions import spending_actions_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/spending-requests/"
ROLES = ["kernteam1", "kernteam2", "trekker1", "directeur"]  # those who see the request
STEPS = ["submit", "approve", "reject", "return", "withdraw", "realise"]


def _request(state: str, user_named) -> SpendingRequest:
    line = BudgetLine.objects.get(team__number=1, period__label="2021")
    author = user_named("trekker1")
    req = services.spending_request_create(
        by=author, budget_line=line, title=f"Verzoek {state}", amount=Decimal("1000.00")
    )
    if state != "concept":
        services.spending_request_submit(request_id=req.pk, by=author)
    if state == "goedgekeurd":
        services.spending_request_approve(request_id=req.pk, by=user_named("kernteam2"))
    return SpendingRequest.objects.get(pk=req.pk)


@pytest.mark.parametrize("state", ["concept", "ingediend", "goedgekeurd"])
def test_the_page_and_the_api_offer_the_steps_of_the_one_rule(state, api, client_as, user_named):
    req = _request(state, user_named)
    for username in ROLES:
        expected = [action.value for action in spending_actions_for(user_named(username), req)]
        response = api(username).get(f"{URL}{req.pk}/")
        assert response.status_code == 200, username
        assert response.json()["actions"] == expected, username
        page = client_as(username).get(f"/spending/{req.pk}/")
        assert page.status_code == 200, username
        shown = [step for step in STEPS if page.context["actions"].get(step)]
        assert shown == expected, username


def test_nobody_gets_a_step_the_table_does_not_allow(user_named):
    """A realised request allows no step: not even for the core team, whose rules would."""
    req = _request("goedgekeurd", user_named)
    services.spending_request_realise(
        request_id=req.pk,
        by=user_named("kernteam1"),
        actual_amount=Decimal("900.00"),
        realised_on=datetime.date(2021, 12, 1),
    )
    req.refresh_from_db()
    assert all(spending_actions_for(user_named(name), req) == [] for name in ROLES)


def test_a_step_the_state_refuses_is_a_kernel_conflict_with_the_state():
    error = TransitionNotAllowed(state="goedgekeurd", action="approve")
    assert isinstance(error, Conflict)
    body = error.conflict_body()
    assert body["code"] == "transition_not_allowed"
    assert body["state"] == "goedgekeurd"
    assert body["detail"] == error.messages[0]


def test_a_budget_refusal_is_a_kernel_conflict_with_the_figures():
    error = BudgetExceeded(
        "Te weinig", code="budget_exceeded", remaining=Decimal("5"), requested=Decimal("12.5")
    )
    assert isinstance(error, Conflict)
    assert error.conflict_body() == {
        "detail": "Te weinig",
        "code": "budget_exceeded",
        "remaining": "5.00",
        "requested": "12.50",
    }
