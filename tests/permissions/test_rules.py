"""The named rules of each app's permissions.py, one role at a time: whether, and why not."""

import pytest
from django.utils import translation

from accounts.models import User
from activities.models import Activity
from activities.permissions import can_add_activity, can_edit_activity
from budgets.permissions import can_manage_budget, can_manage_decisions
from cases.models import Case
from cases.permissions import can_edit_case
from citydeal.permissions import can_view_portal
from events.permissions import can_manage_events
from partners.models import RelatedProgramme
from partners.permissions import can_edit_related_programme
from teams.models import Goal, Team
from teams.permissions import can_edit_goal, can_edit_team_content

pytestmark = pytest.mark.django_db

EVERY_ROLE = [
    "kernteam1",
    "trekker1",
    "trekker2",
    "casus-dordrecht",
    "casus-zoetermeer",
    "directeur",
    "beheerder",
]


@pytest.fixture
def ot1(db):
    return Team.objects.get(programme__slug="cdor", number=1)


@pytest.fixture
def dordrecht_case(db):
    return Case.objects.get(slug="dordtse-buurtaanpak-componistenbuurt")


def allowed(rule, username, *args) -> bool:
    return bool(rule(User.objects.get(username=username), *args))


@pytest.mark.parametrize("username", EVERY_ROLE)
def test_every_role_may_read_the_portal(username):
    assert allowed(can_view_portal, username)


def test_an_account_without_role_may_not_read_and_is_told_why():
    user = User.objects.create_user("zonder-rol", password="x")
    verdict = can_view_portal(user)
    assert not verdict
    with translation.override("en"):
        assert "no role" in can_view_portal(user).reason


def test_an_inactive_account_may_nothing(ot1):
    user = User.objects.get(username="trekker1")
    user.is_active = False
    assert not can_view_portal(user)
    assert not can_edit_team_content(user, ot1)


@pytest.mark.parametrize(
    ("username", "expected"),
    [(u, u == "trekker1") for u in EVERY_ROLE],
)
def test_only_the_own_team_lead_edits_team_content(username, expected, ot1):
    goal = Goal.objects.filter(team=ot1).first()
    activity = Activity.objects.filter(team=ot1).first()
    partner = RelatedProgramme.objects.filter(team=ot1).first()
    assert allowed(can_edit_team_content, username, ot1) is expected
    assert allowed(can_edit_goal, username, goal) is expected
    assert allowed(can_add_activity, username, ot1) is expected
    assert allowed(can_edit_activity, username, activity) is expected
    assert allowed(can_edit_related_programme, username, partner) is expected


def test_refusal_names_the_team():
    ot1 = Team.objects.get(programme__slug="cdor", number=1)
    with translation.override("en"):
        verdict = can_edit_team_content(User.objects.get(username="trekker2"), ot1)
    assert not verdict
    assert str(ot1) in verdict.reason


@pytest.mark.parametrize(
    ("username", "expected"),
    [(u, u == "casus-dordrecht") for u in EVERY_ROLE],
)
def test_only_the_own_case_owner_edits_a_case(username, expected, dordrecht_case):
    assert allowed(can_edit_case, username, dordrecht_case) is expected


@pytest.mark.parametrize(
    ("username", "expected"),
    [(u, u.startswith("kernteam")) for u in EVERY_ROLE],
)
def test_only_the_core_team_manages_budget_decisions_and_events(username, expected):
    assert allowed(can_manage_budget, username) is expected
    assert allowed(can_manage_decisions, username) is expected
    assert allowed(can_manage_events, username) is expected


def test_a_team_lead_of_two_teams_edits_both():
    user = User.objects.get(username="trekker1")
    ot2 = Team.objects.get(programme__slug="cdor", number=2)
    ot2.leads.add(user)
    user = User.objects.get(username="trekker1")  # fresh object: no cached team ids
    assert can_edit_team_content(user, ot2)
    assert not can_edit_team_content(user, Team.objects.get(programme__slug="cdor", number=3))


def test_team_link_without_the_team_lead_role_gives_nothing():
    """The link alone is not enough: taking the role away takes the rights away."""
    user = User.objects.get(username="trekker1")
    user.groups.clear()
    user = User.objects.get(username="trekker1")
    assert not can_edit_team_content(user, Team.objects.get(programme__slug="cdor", number=1))
