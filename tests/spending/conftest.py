"""Spending test set-up: a small programme of our own, so the budget figures are ours,
and a maker that brings requests into each state through the services (with the trail).

The demo accounts of the seed take part: kernteam1 and kernteam2 (core team), directeur;
the small programme has its own team leads (lead-a of team A, lead-b of team B).
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import translation

from accounts.models import User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace
from spending.constants import SpendingState
from spending.models import SpendingRequest
from teams.models import Programme, Team
from tests import roles
from tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    BudgetPeriodFactory,
    BudgetSpaceFactory,
    ProgrammeFactory,
    SpendingRequestFactory,
    TeamFactory,
    TeamLeadFactory,
)


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


@pytest.fixture
def small(db) -> Small:
    programme = ProgrammeFactory(slug="small", name="Small programme", short_name="SP")
    team_a = TeamFactory(programme=programme, number=1, name="Team A", short_name="A")
    team_b = TeamFactory(programme=programme, number=2, name="Team B", short_name="B")
    p21 = BudgetPeriodFactory(programme=programme, start_year=2021)
    p22 = BudgetPeriodFactory(programme=programme, start_year=2022, end_year=2023)
    spaces = {
        year: BudgetSpaceFactory(
            programme=programme,
            year=year,
            amount_min=Decimal("100.00"),
            carries_over=year == 2021,
        )
        for year in (2021, 2022, 2023)
    }
    return Small(
        programme=programme,
        team_a=team_a,
        team_b=team_b,
        lead_a=TeamLeadFactory(username="lead-a", team=team_a),
        lead_b=TeamLeadFactory(username="lead-b", team=team_b),
        period_2021=p21,
        period_2223=p22,
        line_a21=BudgetLineFactory(team=team_a, period=p21, amount=Decimal("80.00")),
        line_b21=BudgetLineFactory(team=team_b, period=p21, amount=Decimal("80.00")),
        line_a22=BudgetLineFactory(team=team_a, period=p22, amount=Decimal("150.00")),
        line_b22=BudgetLineFactory(team=team_b, period=p22, amount=Decimal("150.00")),
        activity_a=ActivityFactory(
            team=team_a,
            order=1,
            title="Activity A",
            estimate_min=Decimal("40"),
            estimate_max=Decimal("60"),
        ),
        activity_b=ActivityFactory(team=team_b, order=1, title="Activity B"),
        space_2021=spaces[2021],
        space_2022=spaces[2022],
        space_2023=spaces[2023],
    )


class Maker:
    """Requests in every state, made by ``SpendingRequestFactory`` through the services
    (so with their trail): ``maker.approved(line, by=lead)``."""

    def __init__(self, user_named):
        self.user_named = user_named

    def _make(self, state: str, line, *, by, **extra) -> SpendingRequest:
        if extra.get("approver") is not None:
            extra["decided_by"] = extra["approver"]
        extra.pop("approver", None)
        # The deciders are looked up only for the states that need them.
        if state != SpendingState.DRAFT and state != SpendingState.SUBMITTED:
            extra.setdefault("decided_by", self.user_named(roles.CORE_TEAM))
        if state == SpendingState.REALISED:
            extra.setdefault("realised_by", self.user_named(roles.CORE_TEAM_OTHER))
        return SpendingRequestFactory(budget_line=line, created_by=by, state=state, **extra)

    def draft(self, line, *, by, amount="10.00", **extra) -> SpendingRequest:
        return self._make(SpendingState.DRAFT, line, by=by, amount=amount, **extra)

    def submitted(self, line, *, by, amount="10.00", **extra) -> SpendingRequest:
        return self._make(SpendingState.SUBMITTED, line, by=by, amount=amount, **extra)

    def approved(self, line, *, by, amount="10.00", **extra) -> SpendingRequest:
        return self._make(SpendingState.APPROVED, line, by=by, amount=amount, **extra)

    def realised(self, line, *, by, actual="10.00", amount="10.00", **extra) -> SpendingRequest:
        return self._make(
            SpendingState.REALISED, line, by=by, amount=amount, actual_amount=actual, **extra
        )

    def rejected(self, line, *, by, **extra) -> SpendingRequest:
        return self._make(SpendingState.REJECTED, line, by=by, **extra)

    def returned(self, line, *, by, **extra) -> SpendingRequest:
        return self._make(SpendingState.RETURNED, line, by=by, **extra)

    def withdrawn(self, line, *, by, **extra) -> SpendingRequest:
        return self._make(SpendingState.WITHDRAWN, line, by=by, **extra)

    def in_state(self, state: str, line, *, by, **extra) -> SpendingRequest:
        return {
            SpendingState.DRAFT: self.draft,
            SpendingState.SUBMITTED: self.submitted,
            SpendingState.APPROVED: self.approved,
            SpendingState.REJECTED: self.rejected,
            SpendingState.RETURNED: self.returned,
            SpendingState.WITHDRAWN: self.withdrawn,
            SpendingState.REALISED: self.realised,
        }[SpendingState(state)](line, by=by, **extra)


@pytest.fixture
def maker(user_named) -> Maker:
    return Maker(user_named)
