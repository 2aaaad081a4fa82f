"""Two applies of one previewed import at the same moment (a double click on two app
servers) apply it once: the second waits for the team's lock, finds the planning changed
and applies nothing.

PostgreSQL only: the applies run in threads, each with its own connection, started
together by a barrier. SQLite runs one writer at a time (and its in-memory test database
is invisible to other connections).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from accounts.models import Role, User
from activities import excel
from activities.models import Activity
from activities.selectors import planning_teams
from activities.services import planning_import
from teams.models import Programme, Team
from tests.concurrency import needs_postgresql, run_parallel
from tests.planning.test_import_service import edited

pytestmark = needs_postgresql

RUNS = 5


@pytest.fixture
def race(seed_again_after_the_flush, transactional_db):
    programme = Programme.objects.create(slug="race", name="Race programme", short_name="RP")
    team = Team.objects.create(programme=programme, number=1, name="Race team", short_name="R")
    core = User.objects.create_user(username="race-core", email="race@example.org")
    core.groups.add(Group.objects.get_or_create(name=Role.CORE_TEAM.value)[0])
    Activity.objects.create(team=team, order=1, title="Bestaand")
    return programme, team, core


@pytest.mark.django_db(transaction=True)
def test_two_applies_of_one_preview_at_once_apply_it_once(race):
    programme, team, core = race
    for run in range(RUNS):
        [exported] = planning_teams(programme=programme, team=team)
        content = edited(
            excel.team_planning_xlsx(exported),
            lambda sheet, run=run: sheet.append([team.code, None, None, f"Nieuw {run}"]),
        )
        shown = planning_import(team=team, by=core, content=content, dry_run=True)
        before = Activity.objects.filter(team=team).count()

        def apply(content=content, shown=shown):
            return planning_import(
                team=team, by=core, content=content, dry_run=False, expected=shown.fingerprint
            )

        outcome = run_parallel([apply, apply], refusal=PermissionDenied)
        assert outcome.other == [] and outcome.refused == []
        assert sorted((plan.applied, plan.stale) for plan in outcome.done) == [
            (False, True),
            (True, False),
        ]
        assert Activity.objects.filter(team=team).count() == before + 1
