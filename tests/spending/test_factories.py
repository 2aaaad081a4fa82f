"""The test factories bring a spending request into its state the way users do: through
the services, so each request has the trail a real one has, and a refused step refuses."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from spending.constants import SpendingState
from spending.exceptions import BudgetExceeded
from tests import roles
from tests.factories import (
    BudgetLineFactory,
    BudgetSpaceFactory,
    CaseFactory,
    CaseOwnerFactory,
    CoreTeamFactory,
    DirectorFactory,
    FunctionalAdminFactory,
    SpendingRequestFactory,
    TeamLeadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Each trait, the steps of its trail (from, to), and who takes the last step.
TRAILS = {
    "submitted": ([("concept", "ingediend")], "lead"),
    "approved": ([("concept", "ingediend"), ("ingediend", "goedgekeurd")], roles.CORE_TEAM),
    "rejected": ([("concept", "ingediend"), ("ingediend", "afgewezen")], roles.CORE_TEAM),
    "returned": ([("concept", "ingediend"), ("ingediend", "teruggestuurd")], roles.CORE_TEAM),
    "withdrawn": ([("concept", "ingediend"), ("ingediend", "ingetrokken")], "lead"),
    "realised": (
        [("concept", "ingediend"), ("ingediend", "goedgekeurd"), ("goedgekeurd", "gerealiseerd")],
        roles.CORE_TEAM_OTHER,
    ),
}


@pytest.fixture
def line():
    line = BudgetLineFactory()
    BudgetSpaceFactory(programme=line.team.programme, year=line.period.start_year)
    return line


@pytest.mark.parametrize("trait", sorted(TRAILS))
def test_each_state_trait_walks_the_services_and_leaves_the_trail(line, trait):
    lead = TeamLeadFactory(username="lead", team=line.team)
    req = SpendingRequestFactory(budget_line=line, created_by=lead, **{trait: True})
    steps, last_by = TRAILS[trait]
    req.refresh_from_db()
    assert req.state == steps[-1][1]
    trail = list(req.transitions.order_by("pk"))
    assert [(t.from_state, t.to_state) for t in trail] == steps
    assert trail[-1].by.username == last_by


def test_without_a_trait_a_request_is_a_draft_without_trail(line):
    req = SpendingRequestFactory(budget_line=line)
    assert req.state == SpendingState.DRAFT
    assert req.created_by in line.team.leads.all()
    assert not req.transitions.exists()


def test_the_factory_follows_the_rules_a_director_cannot_ask_for_money(line):
    with pytest.raises(PermissionDenied):
        SpendingRequestFactory(budget_line=line, created_by=DirectorFactory())


def test_a_request_past_the_line_is_refused_like_any_other(line):
    with pytest.raises(BudgetExceeded):
        SpendingRequestFactory(budget_line=line, amount="80.01", approved=True)


def test_one_factory_per_role():
    case = CaseFactory()
    line = BudgetLineFactory()
    made = {
        Role.CORE_TEAM: CoreTeamFactory(),
        Role.TEAM_LEAD: TeamLeadFactory(team=line.team),
        Role.CASE_OWNER: CaseOwnerFactory(case=case),
        Role.DIRECTOR: DirectorFactory(),
        Role.FUNCTIONAL_ADMIN: FunctionalAdminFactory(),
    }
    for role, user in made.items():
        assert list(user.groups.values_list("name", flat=True)) == [role.value]
    assert list(line.team.leads.all()) == [made[Role.TEAM_LEAD]]
    assert list(case.owners.all()) == [made[Role.CASE_OWNER]]
    assert not UserFactory().groups.exists()
