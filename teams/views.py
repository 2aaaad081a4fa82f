from django.shortcuts import render

from budgets.selectors import case_cost_differences, team_budget_lines
from cases.selectors import team_cases
from partners.selectors import related_programmes
from teams.selectors import (
    programme_current,
    team_activities,
    team_events,
    team_get,
    team_goals,
    team_list,
)


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
        },
    )
