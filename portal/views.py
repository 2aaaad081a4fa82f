"""The composed pages: the overview, the team list and page, the case page.

Each shows several apps at once, so it lives here, above them all; the apps' own pages
(forms, lists of one app) stay in the apps.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from activities.permissions import can_add_activity
from activities.selectors import case_activities, open_points, team_activities
from budgets.permissions import can_manage_budget, can_manage_decisions
from budgets.selectors import (
    budget_tables,
    case_cost_differences,
    programme_decisions,
    team_budget_lines,
)
from cases.permissions import can_edit_case
from cases.selectors import case_get, team_cases
from citydeal.forms import form_page
from citydeal.history import history_timeline, history_timeline_for
from citydeal.paging import GROUP_SIZE
from citydeal.permissions import can_view_history
from citydeal.services import ensure_allowed
from events.permissions import can_manage_events
from events.selectors import case_events, programme_events, team_events
from partners.selectors import related_programmes
from portal.forms import DecisionWithRequestsForm
from portal.selectors import team_list, team_page_team
from spending.services import spending_decision_record
from teams.permissions import can_edit_team_content
from teams.selectors import programme_current, team_goals

# How many recent changes the team's changes page shows.
TEAM_HISTORY_LIMIT = 50
# How many upcoming and past events, and recent decisions, the overview shows; the
# whole lists are a link away.
OVERVIEW_EVENTS = 5
OVERVIEW_DECISIONS = 5


def overview(request):
    programme = programme_current()
    user = request.user
    return render(
        request,
        "portal/overview.html",
        {
            "programme": programme,
            "budget_tables": budget_tables(programme=programme),
            "open_points": open_points(programme=programme),
            "differences": case_cost_differences(programme=programme),
            "events": programme_events(programme=programme, limit=OVERVIEW_EVENTS),
            "decisions": programme_decisions(programme=programme, limit=OVERVIEW_DECISIONS),
            "can_manage_budget": bool(can_manage_budget(user)),
            "can_manage_events": bool(can_manage_events(user)),
            "can_manage_decisions": bool(can_manage_decisions(user)),
        },
    )


def team_list_view(request):
    programme = programme_current()
    return render(
        request,
        "teams/team_list.html",
        {"programme": programme, "teams": team_list(programme=programme)},
    )


def team_detail_view(request, number: int):
    """The team with the first few rows of each group (activities, cases, related
    programmes, events), each with a link to the whole list when there are more. The edit
    rules are asked once for the team, not once per row."""
    programme = programme_current()
    team = team_page_team(programme=programme, number=number)
    user = request.user
    can_edit_team = bool(can_edit_team_content(user, team))
    return render(
        request,
        "portal/team_detail.html",
        {
            "programme": programme,
            "team": team,
            "goals": team_goals(team=team),
            "activities": team_activities(team=team, limit=GROUP_SIZE),
            "budget_lines": team_budget_lines(team=team),
            "cases": team_cases(team=team, limit=GROUP_SIZE),
            "differences": case_cost_differences(programme=programme, team=team),
            "related_programmes": related_programmes(
                programme=programme, team=team, limit=GROUP_SIZE
            ),
            "editable_teams": {team.pk} if can_edit_team else set(),
            "events": team_events(team=team, limit=GROUP_SIZE),
            # The changes have a page of their own: reading them costs a few queries
            # per kind of record, which the team page does not carry.
            "can_view_history": bool(can_view_history(user, team)),
            "can_add_activity": bool(can_add_activity(user, team)),
            "can_edit_team": can_edit_team,
        },
    )


def team_changes_view(request, number: int):
    """The recent changes to the team, its goals, activities and related programmes,
    newest first; what loading the plan recorded is left out."""
    programme = programme_current()
    team = team_page_team(programme=programme, number=number)
    ensure_allowed(can_view_history(request.user, team))
    return render(
        request,
        "portal/team_changes.html",
        {
            "programme": programme,
            "team": team,
            "timeline": history_timeline(team, limit=TEAM_HISTORY_LIMIT, include_seed=False),
        },
    )


def case_detail_view(request, slug: str):
    programme = programme_current()
    case = case_get(programme=programme, slug=slug)
    costs = sorted(case.costs.all(), key=lambda cost: cost.year)
    return render(
        request,
        "portal/case_detail.html",
        {
            "programme": programme,
            "case": case,
            "costs": costs,
            "activities": case_activities(case=case),
            "events": case_events(case=case),
            "can_edit": bool(can_edit_case(request.user, case)),
            "timeline": history_timeline_for(request.user, case),
        },
    )


def decision_create_view(request):
    programme = programme_current()
    ensure_allowed(can_manage_decisions(request.user))
    form = DecisionWithRequestsForm(
        request.POST if request.method == "POST" else None, programme=programme
    )
    back_url = reverse("decision-list")
    return form_page(
        request,
        form,
        lambda data: spending_decision_record(
            programme=programme,
            by=request.user,
            date=data["date"],
            meeting=data["meeting"],
            text=data["text"],
            event=data["event"],
            budget_lines=list(data["budget_lines"]),
            spending_requests=list(data["spending_requests"]),
        ),
        saved_message=_("The decision has been recorded."),
        title=_("Record a decision"),
        intro=_(
            "A decision of the core team, such as the green light for a year's spending. "
            "Link the meeting, the budget lines and the approved spending requests it "
            "concerns where they are known."
        ),
        back_url=back_url,
        back_label=_("Decisions"),
        submit_label=_("Record decision"),
        once=True,
    )
