"""A budget line or a year's budget space is never set below what is committed on it.

Committed is approved plus realised spending. Lowering a limit below it would leave a
negative remainder (``PATCH /api/v1/budget-lines/4/ {"amount": "1.00"}`` left € -38.999);
the page, the API and the service refuse it with the figures and change nothing.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from budgets.exceptions import LimitBelowCommitted
from budgets.models import BudgetLine, BudgetSpace
from budgets.services import budget_line_update, budget_space_update
from tests import roles
from tests.spending.conftest import dutch

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def ot4_line_2021() -> BudgetLine:
    return BudgetLine.objects.get(team__number=4, period__label="2021")


@pytest.fixture
def committed_39000(ot4_line_2021, maker, user_named) -> BudgetLine:
    """OT4's 2021 line of € 40.000 with € 30.000 approved and € 9.000 realised."""
    lead = user_named(roles.team_lead(4))
    maker.approved(ot4_line_2021, by=lead, amount="30000.00")
    maker.realised(ot4_line_2021, by=lead, amount="9000.00", actual="9000.00")
    return ot4_line_2021


def set_line(line: BudgetLine, amount: str) -> BudgetLine:
    """The core team (kernteam1) sets ``line`` to ``amount`` through the service."""
    return budget_line_update(
        line=line,
        by=User.objects.get(username="kernteam1"),
        amount=Decimal(amount),
        main_activities=line.main_activities,
    )


# -- budget lines ------------------------------------------------------------------------


def test_the_api_refuses_a_line_below_what_is_committed(committed_39000, user_named):
    url = f"/api/v1/budget-lines/{committed_39000.pk}/"
    response = api_as(user_named(roles.CORE_TEAM)).patch(url, {"amount": "1.00"}, format="json")

    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "budget_below_committed"
    assert body["committed"] == "39000.00"
    assert body["requested"] == "1.00"
    assert "39.000,00" in body["detail"]
    committed_39000.refresh_from_db()
    assert committed_39000.amount == Decimal("40000.00")
    figures = api_as(user_named(roles.CORE_TEAM)).get(url).json()
    assert figures["remaining"] == "1000.00"


def test_the_page_refuses_a_line_below_what_is_committed(committed_39000, client_as):
    url = reverse("budget-line-edit", args=[committed_39000.pk])
    response = client_as(roles.CORE_TEAM_OTHER).post(
        url, {"amount": "38.999,99", "main_activities": "x"}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["amount"]
    assert any("39.000,00" in error and "38.999,99" in error for error in errors)
    committed_39000.refresh_from_db()
    assert committed_39000.amount == Decimal("40000.00")
    assert committed_39000.main_activities != "x"


def test_a_line_can_go_down_to_exactly_what_is_committed(committed_39000, user_named):
    line = set_line(committed_39000, "39000.00")
    assert line.amount == Decimal("39000.00")


def test_pending_and_draft_requests_do_not_hold_a_line(ot4_line_2021, maker, user_named):
    lead = user_named(roles.team_lead(4))
    maker.submitted(ot4_line_2021, by=lead, amount="20000.00")
    maker.draft(ot4_line_2021, by=lead, amount="20000.00")
    line = set_line(ot4_line_2021, "0.00")
    assert line.amount == Decimal("0.00")


def test_the_service_message_names_the_figures(committed_39000, user_named):
    with pytest.raises(LimitBelowCommitted) as refused:
        set_line(committed_39000, "100.00")
    assert refused.value.message_dict["amount"] == [
        dutch(
            "The budget line cannot be set to %(amount)s: %(committed)s is already "
            "committed on it (approved %(approved)s, realised %(realised)s). The lowest "
            "amount possible is %(committed)s."
        )
        % {
            "amount": "€ 100,00",
            "committed": "€ 39.000,00",
            "approved": "€ 30.000,00",
            "realised": "€ 9.000,00",
        }
    ]


def test_a_line_already_over_its_amount_can_still_be_raised(committed_39000, user_named):
    BudgetLine.objects.filter(pk=committed_39000.pk).update(amount=Decimal("100.00"))
    committed_39000.refresh_from_db()
    line = set_line(committed_39000, "200.00")
    assert line.amount == Decimal("200.00")


# -- the budget space --------------------------------------------------------------------


def test_the_api_refuses_a_space_below_what_is_committed_in_its_year(maker, user_named):
    line = BudgetLine.objects.get(team__number=1, period__label="2022-2023")
    maker.approved(line, by=user_named(roles.team_lead(1)), amount="300000.00")
    space = BudgetSpace.objects.get(programme__slug="cdor", year=2022)
    url = f"/api/v1/budget-spaces/{space.pk}/"

    response = api_as(user_named(roles.CORE_TEAM)).patch(
        url, {"amount_min": "100000.00", "amount_max": "200000.00"}, format="json"
    )

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "budget_below_committed"
    assert response.json()["committed"] == "300000.00"
    space.refresh_from_db()
    assert space.amount_max == Decimal("500000.00")

    allowed = api_as(user_named(roles.CORE_TEAM)).patch(
        url, {"amount_min": "100000.00", "amount_max": "300000.00"}, format="json"
    )
    assert allowed.status_code == 200, allowed.content


def test_a_smaller_carry_over_may_not_break_the_next_year(small, maker, user_named):
    # 2022: space 100 plus 100 carried over from an unused 2021 holds 150 committed.
    maker.approved(small.line_a22, by=small.lead_a, amount="150.00")
    core = user_named(roles.CORE_TEAM)

    with pytest.raises(LimitBelowCommitted) as refused:
        budget_space_update(
            space=small.space_2021,
            by=core,
            amount_min=Decimal("0"),
            amount_max=Decimal("20.00"),
            carries_over=True,
            note="",
        )
    assert "2022" in refused.value.messages[0]
    with pytest.raises(LimitBelowCommitted):
        budget_space_update(
            space=small.space_2021,
            by=core,
            amount_min=Decimal("100.00"),
            amount_max=Decimal("100.00"),
            carries_over=False,
            note="",
        )
    small.space_2021.refresh_from_db()
    assert small.space_2021.amount_max == Decimal("100.00")
    assert small.space_2021.carries_over

    # 2022 still holds its 150 with 60 carried over (100 + 60).
    space = budget_space_update(
        space=small.space_2021,
        by=core,
        amount_min=Decimal("0"),
        amount_max=Decimal("60.00"),
        carries_over=True,
        note="",
    )
    assert space.amount_max == Decimal("60.00")


def test_a_space_left_unstated_holds_nothing_down(small, maker, user_named):
    maker.approved(small.line_a21, by=small.lead_a, amount="80.00")
    space = budget_space_update(
        space=small.space_2022,
        by=user_named(roles.CORE_TEAM),
        amount_min=None,
        amount_max=None,
        carries_over=False,
        note="Nog niet bekend",
    )
    assert space.amount_max is None
