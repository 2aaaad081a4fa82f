"""Rows the page tests need: the seed as the document has it, plus one row of each kind.

The page tests read the seed (loaded once per test database in ``tests/conftest.py``),
so they check the document's real figures.
"""

import datetime

import pytest

from activities.models import PlanningKind
from budgets.models import BudgetLine
from cases.models import Case, CaseCost
from events.models import EventKind
from teams.constants import PROGRAMME_SLUG
from teams.models import Programme
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    DecisionFactory,
    EventFactory,
    GoalFactory,
    OrganisationFactory,
    RelatedProgrammeFactory,
)


@pytest.fixture
def programme(db) -> Programme:
    return Programme.objects.get(slug=PROGRAMME_SLUG)


@pytest.fixture
def document_rows(programme) -> Programme:
    """The programme with the document's budget tables and OT5 case table, from the seed.

    Fails at once when the seed lacks them, rather than letting page tests pass on
    empty tables.
    """
    assert BudgetLine.objects.filter(team__programme=programme).count() == 12
    assert CaseCost.objects.filter(case__programme=programme, case__lead_team__number=5).exists()
    return programme


@pytest.fixture
def one_of_each(document_rows) -> Programme:
    """At least one row of every kind a page shows, so that every prefetch runs.

    A page's query count is then the same whatever the seed holds.
    """
    programme = document_rows
    team = programme.teams.get(number=5)
    goal = GoalFactory(team=team, order=900, letter="Z", title="Test goal")
    activity = ActivityFactory(
        team=team,
        goal=goal,
        order=900,
        title="Test activity",
        responsible="ntb",
        estimate_text="ntb",
        planning_label="ntb",
        planning_kind=PlanningKind.TBD,
    )
    organisation = OrganisationFactory(name="Test organisation")
    RelatedProgrammeFactory(
        team=team,
        order=900,
        name="Test programme",
        knowledge_partner=organisation,
        contacts=[ContactFactory(name="Test contact", organisation=organisation)],
    )
    case = Case.objects.filter(programme=programme, lead_team=team).first()
    event = EventFactory(
        programme=programme,
        slug="test-event",
        kind=EventKind.WORKSHOP,
        title="Test workshop",
        date=datetime.date(2021, 11, 1),
        teams=[team],
        cases=[case],
    )
    case.activities.add(activity)
    DecisionFactory(
        programme=programme,
        date=datetime.date(2021, 10, 14),
        reference="test-decision",
        meeting="Kernteam",
        text="Test decision",
        event=event,
        budget_lines=BudgetLine.objects.filter(team=team),
    )
    return programme
