from django.shortcuts import render

from cases.selectors import case_activities, case_events, case_get, case_table
from teams.selectors import programme_current


def case_list_view(request):
    programme = programme_current()
    return render(
        request,
        "cases/case_list.html",
        {"programme": programme, "table": case_table(programme=programme)},
    )


def case_detail_view(request, slug: str):
    programme = programme_current()
    case = case_get(programme=programme, slug=slug)
    costs = sorted(case.costs.all(), key=lambda cost: cost.year)
    return render(
        request,
        "cases/case_detail.html",
        {
            "programme": programme,
            "case": case,
            "costs": costs,
            "activities": case_activities(case=case),
            "events": case_events(case=case),
        },
    )
