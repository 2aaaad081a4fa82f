from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from budgets.selectors import case_cost_differences, team_budget_lines
from cases.selectors import team_cases
from citydeal.forms import form_page
from citydeal.history import history_timeline_for
from citydeal.permissions import can_edit_goal
from citydeal.services import ensure_allowed
from partners.selectors import related_programmes
from teams.forms import GoalForm
from teams.selectors import (
    goal_get,
    programme_current,
    team_activities,
    team_events,
    team_get,
    team_goals,
    team_list,
)
from teams.services import goal_update

# How many recent changes the team page shows.
TEAM_HISTORY_LIMIT = 20


def team_list_view(request):
    programme = programme_current()
    return render(
        request,
        "teams/team_list.html",
        {"programme": programme, "teams": team_list(programme=programme)},
    )


def team_detail_view(request, number: int):
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    return render(
        request,
        "teams/team_detail.html",
        {
            "programme": programme,
            "team": team,
            "goals": team_goals(team=team),
            "activities": team_activities(team=team),
            "budget_lines": team_budget_lines(team=team),
            "cases": team_cases(team=team),
            "differences": case_cost_differences(programme=programme, team=team),
            "related_programmes": related_programmes(programme=programme, team=team),
            "events": team_events(team=team),
            "timeline": history_timeline_for(
                request.user, team, limit=TEAM_HISTORY_LIMIT, include_seed=False
            ),
        },
    )


def goal_edit_view(request, number: int, pk: int):
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    goal = goal_get(team=team, pk=pk)
    ensure_allowed(can_edit_goal(request.user, goal))
    form = GoalForm(request.POST if request.method == "POST" else None, instance=goal)
    back_url = f"{reverse('team-detail', args=[team.number])}#goals"
    return form_page(
        request,
        form,
        lambda data: goal_update(goal=goal, by=request.user, **data),
        saved_message=_("The goal has been saved."),
        title=lambda: _("Edit goal %(goal)s") % {"goal": goal},
        back_url=back_url,
        back_label=str(team),
        submit_label=_("Save goal"),
    )
