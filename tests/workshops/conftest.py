"""Workshop test set-up: a team with its lead, two cases with their owners, a slot."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from knox.models import AuthToken

from accounts.models import User
from cases.models import Case
from teams.models import Team
from tests.api.conftest import ApiClient
from tests.factories import (
    CaseFactory,
    CaseOwnerFactory,
    TeamFactory,
    TeamLeadFactory,
    WorkshopSlotFactory,
    demo_core_team,
)
from workshops.models import WorkshopSlot


@dataclass
class World:
    team: Team
    other_team: Team
    lead: User
    other_lead: User
    core: User
    case: Case
    other_case: Case
    owner: User
    other_owner: User
    slot: WorkshopSlot


@pytest.fixture
def world(db) -> World:
    team = TeamFactory()
    other_team = TeamFactory(programme=team.programme)
    case = CaseFactory(programme=team.programme, title="Componistenbuurt")
    other_case = CaseFactory(programme=team.programme, title="Zoetermeer data")
    return World(
        team=team,
        other_team=other_team,
        lead=TeamLeadFactory(team=team),
        other_lead=TeamLeadFactory(team=other_team),
        core=demo_core_team(),
        case=case,
        other_case=other_case,
        owner=CaseOwnerFactory(case=case),
        other_owner=CaseOwnerFactory(case=other_case),
        slot=WorkshopSlotFactory(team=team, capacity=2),
    )


@pytest.fixture
def api(user_named):
    """``api(roles.team_lead(5))``: an API client with the account's token (as in
    tests/api); ``api(None)``: anonymous. The throttle counts start at zero."""
    cache.clear()
    tokens = {}

    def make(username: str | None) -> ApiClient:
        if username and username not in tokens:
            _instance, tokens[username] = AuthToken.objects.create(user=user_named(username))
        return ApiClient(tokens[username] if username else None)

    return make
