"""Budget pages: a budget line with its history, editing lines and the budget space, and
the core team's decisions. The budget tables show on the overview and the team pages."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from budgets.forms import BudgetLineForm, BudgetSpaceForm
from budgets.permissions import can_manage_budget, can_manage_decisions
from budgets.selectors import (
    budget_line_get,
    budget_space_get,
    decision_rows,
)
from budgets.services import budget_line_update, budget_space_update
from citydeal.forms import form_page
from citydeal.history import history_timeline_for
from citydeal.paging import page_from_request
from citydeal.readings import readings_attach
from citydeal.services import ensure_allowed
from teams.selectors import programme_current


def budget_line_detail_view(request, pk: int):
    programme = programme_current()
    line = budget_line_get(programme=programme, pk=pk)
    return render(
        request,
        "budgets/budget_line_detail.html",
        {
            "programme": programme,
            "line": line,
            "can_edit": bool(can_manage_budget(request.user)),
            "timeline": history_timeline_for(request.user, line),
        },
    )


def budget_line_edit_view(request, pk: int):
    programme = programme_current()
    ensure_allowed(can_manage_budget(request.user))
    line = budget_line_get(programme=programme, pk=pk)
    form = BudgetLineForm(request.POST if request.method == "POST" else None, instance=line)
    back_url = reverse("budget-line-detail", args=[line.pk])
    return form_page(
        request,
        form,
        lambda data: budget_line_update(line=line, by=request.user, **data),
        saved_message=_("The budget line has been saved."),
        title=_("Edit budget line %(line)s") % {"line": line},
        intro=_("The amount is in euros including VAT, with at most two decimals."),
        back_url=back_url,
        back_label=_("Back to the budget line"),
        submit_label=_("Save budget line"),
    )


def budget_space_edit_view(request, year: int):
    programme = programme_current()
    ensure_allowed(can_manage_budget(request.user))
    space = budget_space_get(programme=programme, year=year)
    form = BudgetSpaceForm(request.POST if request.method == "POST" else None, instance=space)
    back_url = f"{reverse('overview')}#budget"
    return form_page(
        request,
        form,
        lambda data: budget_space_update(space=space, by=request.user, **data),
        saved_message=_("The budget space has been saved."),
        title=_("Edit the budget space of %(year)s") % {"year": space.year},
        intro=_(
            "What the programme can spend in the year, as a range in euros including "
            "VAT. Leave both empty when the plan names no amount."
        ),
        back_url=back_url,
        back_label=_("Back to the overview"),
        submit_label=_("Save budget space"),
    )


def decision_list_view(request):
    """Every decision of the core team, the newest first, 50 a page."""
    programme = programme_current()
    page = page_from_request(request, decision_rows(programme=programme))
    decisions = list(page.object_list)
    readings_attach(decisions)  # one query for the page's readings of the plan
    return render(
        request,
        "budgets/decision_list.html",
        {
            "programme": programme,
            "page": page,
            "decisions": decisions,
            "can_record": bool(can_manage_decisions(request.user)),
        },
    )
