"""Spending test set-up: a small programme of our own, so the budget figures are ours,
and a maker that brings requests into each state through the services (with the trail).

The demo accounts of the seed take part: kernteam1 and kernteam2 (core team), directeur;
the small programme has its own team leads (lead-a of team A, lead-b of team B).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from accounts.models import Role, User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace
from spending import services
from spending.models import SpendingRequest
from teams.models import Programme, Team


def dutch(message: str) -> str:
    """What users read for an English source string (the Dutch catalogue is written apart)."""
    with translation.override("nl"):
        return translation.gettext(message)


def dutch_plural(singular: str, plural: str, count: int) -> str:
    """``dutch`` for a message with a singular and a plural form."""
    with translation.override("nl"):
        return translation.ngettext(singular, plural, count)


@dataclass
class Small:
    """Programme "Small": teams A and B, 2021 and 2022-2023, a space of 100 a year.

    2021: space 100 (its surplus carries over into 2022), lines A 80 and B 80.
    2022-2023: spaces 100 and 100, lines A 150 and B 150.
    """

    programme: Programme
    team_a: Team
    team_b: Team
    lead_a: User
    lead_b: User
    period_2021: BudgetPeriod
    period_2223: BudgetPeriod
    line_a21: BudgetLine
    line_b21: BudgetLine
    line_a22: BudgetLine
    line_b22: BudgetLine
    activity_a: Activity
    activity_b: Activity
    space_2021: BudgetSpace
    space_2022: BudgetSpace
    space_2023: BudgetSpace


def _user(username: str, role: Role, **extra) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", first_name=username, **extra
    )
    user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture
def small(db) -> Small:
    programme = Programme.objects.create(slug="small", name="Small programme", short_name="SP")
    team_a = Team.objects.create(programme=programme, number=1, name="Team A", short_name="A")
    team_b = Team.objects.create(programme=programme, number=2, name="Team B", short_name="B")
    lead_a = _user("lead-a", Role.TEAM_LEAD)
    lead_b = _user("lead-b", Role.TEAM_LEAD)
    team_a.leads.add(lead_a)
    team_b.leads.add(lead_b)
    p21 = BudgetPeriod.objects.create(
        programme=programme, label="2021", start_year=2021, end_year=2021
    )
    p22 = BudgetPeriod.objects.create(
        programme=programme, label="2022-2023", start_year=2022, end_year=2023
    )
    hundred = Decimal("100.00")
    spaces = {
        year: BudgetSpace.objects.create(
            programme=programme,
            year=year,
            amount_min=hundred,
            amount_max=hundred,
            carries_over=year == 2021,
        )
        for year in (2021, 2022, 2023)
    }

    def line(team, period, amount):
        return BudgetLine.objects.create(team=team, period=period, amount=Decimal(amount))

    return Small(
        programme=programme,
        team_a=team_a,
        team_b=team_b,
        lead_a=lead_a,
        lead_b=lead_b,
        period_2021=p21,
        period_2223=p22,
        line_a21=line(team_a, p21, "80.00"),
        line_b21=line(team_b, p21, "80.00"),
        line_a22=line(team_a, p22, "150.00"),
        line_b22=line(team_b, p22, "150.00"),
        activity_a=Activity.objects.create(
            team=team_a,
            order=1,
            title="Activity A",
            estimate_min=Decimal("40"),
            estimate_max=Decimal("60"),
        ),
        activity_b=Activity.objects.create(team=team_b, order=1, title="Activity B"),
        space_2021=spaces[2021],
        space_2022=spaces[2022],
        space_2023=spaces[2023],
    )


class Maker:
    """Requests in every state, made through the services (so with their trail)."""

    def __init__(self, user_named):
        self.user_named = user_named

    def draft(self, line, *, by, amount="10.00", **extra) -> SpendingRequest:
        extra.setdefault("title", "Test request")
        return services.spending_request_create(
            by=by, budget_line=line, amount=Decimal(amount), **extra
        )

    def submitted(self, line, *, by, amount="10.00", **extra) -> SpendingRequest:
        req = self.draft(line, by=by, amount=amount, **extra)
        return services.spending_request_submit(request_id=req.pk, by=by)

    def approved(self, line, *, by, approver=None, amount="10.00", **extra) -> SpendingRequest:
        req = self.submitted(line, by=by, amount=amount, **extra)
        approver = approver or self.user_named("kernteam1")
        return services.spending_request_approve(request_id=req.pk, by=approver)

    def realised(self, line, *, by, actual="10.00", amount="10.00", **extra) -> SpendingRequest:
        req = self.approved(line, by=by, amount=amount, **extra)
        return services.spending_request_realise(
            request_id=req.pk,
            by=self.user_named("kernteam2"),
            actual_amount=Decimal(actual),
            realised_on=datetime.date(2021, 12, 1),
        )

    def rejected(self, line, *, by, **extra) -> SpendingRequest:
        req = self.submitted(line, by=by, **extra)
        return services.spending_request_reject(
            request_id=req.pk, by=self.user_named("kernteam1"), note="Not now."
        )

    def returned(self, line, *, by, **extra) -> SpendingRequest:
        req = self.submitted(line, by=by, **extra)
        return services.spending_request_return(
            request_id=req.pk, by=self.user_named("kernteam1"), note="Explain the costs."
        )

    def withdrawn(self, line, *, by, **extra) -> SpendingRequest:
        req = self.submitted(line, by=by, **extra)
        return services.spending_request_withdraw(request_id=req.pk, by=by)

    def in_state(self, state: str, line, *, by, **extra) -> SpendingRequest:
        return {
            "concept": self.draft,
            "ingediend": self.submitted,
            "goedgekeurd": self.approved,
            "afgewezen": self.rejected,
            "teruggestuurd": self.returned,
            "ingetrokken": self.withdrawn,
            "gerealiseerd": self.realised,
        }[state](line, by=by, **extra)


@pytest.fixture
def maker(user_named) -> Maker:
    return Maker(user_named)
