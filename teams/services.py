"""Writes of the teams app: a team lead keeps the team's goals current."""

from django.db import transaction

from accounts.models import User
from citydeal.historical import save_with_history
from citydeal.permissions import can_assign_roles
from citydeal.services import assign, ensure_allowed, links_differ
from teams.models import Goal, Team
from teams.permissions import can_edit_goal


@transaction.atomic
def goal_update(*, goal: Goal, by: User, letter: str, title: str, text: str) -> Goal:
    """Change a goal's letter, title and text; recorded in its history as ``by``'s change."""
    goal = Goal.objects.select_for_update().select_related("team").get(pk=goal.pk)
    ensure_allowed(can_edit_goal(by, goal))
    changed = assign(goal, letter=letter.strip(), title=title.strip(), text=text.strip())
    if changed:
        goal.full_clean()
        save_with_history(goal, by=by)
    return goal


@transaction.atomic
def team_leads_set(*, team: Team, by: User, leads: list[User]) -> Team:
    """Make ``leads`` the team's leads (a role link, kept in the role trail too)."""
    ensure_allowed(can_assign_roles(by))
    team = Team.objects.select_for_update().get(pk=team.pk)
    if links_differ(team, leads=leads):
        save_with_history(team, by=by, links={"leads": leads})
    return team
