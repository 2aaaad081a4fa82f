"""The database refuses rows that break the programme's invariants."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace
from cases.models import Case, CaseCost
from teams.models import Goal, Programme, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return Programme.objects.create(slug="test-deal", name="Test Deal", short_name="TD")


@pytest.fixture
def team(programme):
    return Team.objects.create(programme=programme, number=1, name="Eerste", short_name="Een")


@pytest.fixture
def period(programme):
    return BudgetPeriod.objects.create(
        programme=programme, label="2021", start_year=2021, end_year=2021
    )


def refused(create):
    """True when the database refuses the row; the surrounding transaction stays usable."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_team_number_unique_per_programme(programme, team):
    assert refused(
        lambda: Team.objects.create(programme=programme, number=1, name="Dubbel", short_name="D")
    )
    other = Programme.objects.create(slug="other-deal", name="Andere Deal", short_name="AD")
    Team.objects.create(programme=other, number=1, name="Eerste", short_name="Een")
    assert (
        Team.objects.filter(number=1, programme__slug__in=["test-deal", "other-deal"]).count() == 2
    )


def test_team_number_must_be_positive(programme):
    assert refused(
        lambda: Team.objects.create(programme=programme, number=0, name="Nul", short_name="0")
    )


def test_goal_letter_unique_per_team_but_blank_allowed_twice(team):
    Goal.objects.create(team=team, order=1, letter="A", title="Eerste doel")
    assert refused(lambda: Goal.objects.create(team=team, order=2, letter="A", title="Dubbel"))
    Goal.objects.create(team=team, order=3, letter="", title="Zonder letter")
    Goal.objects.create(team=team, order=4, letter="", title="Nog een zonder letter")
    assert team.goals.count() == 3


def test_one_budget_line_per_team_per_period(team, period):
    BudgetLine.objects.create(team=team, period=period, amount=Decimal("5000.00"))
    assert refused(
        lambda: BudgetLine.objects.create(team=team, period=period, amount=Decimal("1.00"))
    )


def test_budget_line_amount_not_negative(team, period):
    assert refused(
        lambda: BudgetLine.objects.create(team=team, period=period, amount=Decimal("-0.01"))
    )
    assert not BudgetLine.objects.filter(team=team).exists()


def test_budget_line_zero_is_allowed(team, period):
    line = BudgetLine.objects.create(team=team, period=period, amount=Decimal("0.00"))
    line.refresh_from_db()
    assert line.amount == Decimal("0.00")


def test_budget_period_end_not_before_start(programme):
    assert refused(
        lambda: BudgetPeriod.objects.create(
            programme=programme, label="fout", start_year=2023, end_year=2022
        )
    )


def test_budget_space_min_not_above_max(programme):
    assert refused(
        lambda: BudgetSpace.objects.create(
            programme=programme,
            year=2024,
            amount_min=Decimal("500000"),
            amount_max=Decimal("400000"),
        )
    )
    assert refused(
        lambda: BudgetSpace.objects.create(
            programme=programme, year=2024, amount_min=Decimal("-1"), amount_max=Decimal("400000")
        )
    )
    BudgetSpace.objects.create(programme=programme, year=2024, amount_min=None, amount_max=None)


def test_activity_estimate_min_not_above_max(team):
    assert refused(
        lambda: Activity.objects.create(
            team=team,
            order=1,
            title="Te duur",
            estimate_min=Decimal("60000"),
            estimate_max=Decimal("50000"),
        )
    )
    assert refused(
        lambda: Activity.objects.create(
            team=team, order=1, title="Negatief", estimate_min=Decimal("-5")
        )
    )


def test_activity_end_month_not_before_start(team):
    assert refused(
        lambda: Activity.objects.create(
            team=team,
            order=1,
            title="Terug in de tijd",
            start_month=datetime.date(2022, 3, 1),
            end_month=datetime.date(2021, 10, 1),
        )
    )
    Activity.objects.create(
        team=team,
        order=1,
        title="Eén maand",
        start_month=datetime.date(2021, 10, 1),
        end_month=datetime.date(2021, 10, 1),
    )


def test_activity_order_unique_per_team(team):
    Activity.objects.create(team=team, order=1, title="Eerste")
    assert refused(lambda: Activity.objects.create(team=team, order=1, title="Tweede"))


def test_case_cost_one_per_year_and_not_negative(programme):
    case = Case.objects.create(programme=programme, slug="casus", title="Casus")
    CaseCost.objects.create(case=case, year=2021, amount=Decimal("5000"))
    assert refused(lambda: CaseCost.objects.create(case=case, year=2021, amount=Decimal("1")))
    assert refused(lambda: CaseCost.objects.create(case=case, year=2022, amount=Decimal("-1")))
