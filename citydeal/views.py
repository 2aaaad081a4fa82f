"""The programme overview: the budget tables, what is still open, events and decisions."""

from django.shortcuts import render

from budgets.selectors import budget_tables, case_cost_differences, programme_decisions
from teams.selectors import open_points, programme_current, programme_events


def overview(request):
    programme = programme_current()
    return render(
        request,
        "citydeal/overview.html",
        {
            "programme": programme,
            "budget_tables": budget_tables(programme=programme),
            "open_points": open_points(programme=programme),
            "differences": case_cost_differences(programme=programme),
            "events": programme_events(programme=programme),
            "decisions": programme_decisions(programme=programme),
        },
    )
