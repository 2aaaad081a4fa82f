from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.forms import CaseFilterForm, CaseForm
from cases.models import Case
from cases.permissions import can_edit_case
from cases.selectors import case_get, case_page_table, case_rows
from cases.services import case_update
from citydeal.forms import form_page
from citydeal.paging import page_from_request
from citydeal.readings import readings_attach, readings_distinct
from citydeal.services import ensure_allowed
from teams.models import Team
from teams.selectors import programme_current


def case_list_view(request):
    """The programme's cases, 50 a page, filterable by team and municipality and
    searchable; the totals row sums every case of the filter, not only the page's."""
    programme = programme_current()
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    form = CaseFilterForm(request.GET, teams=teams)
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    filters = getattr(form, "cleaned_data", {})
    cases = case_rows(
        programme=programme,
        team_number=filters.get("team"),
        municipality=filters.get("municipality"),
        search=filters.get("search", ""),
    )
    page = page_from_request(request, cases)
    table = case_page_table(programme=programme, page_cases=page.object_list, cases=cases)
    # One query for the page's readings of the plan; the cost columns' once.
    readings = readings_attach([row.case for row in table.rows])
    return render(
        request,
        "cases/case_list.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "table": table,
            "cost_readings": readings_distinct(readings, Case, "costs"),
            "filtered": any(filters.get(name) for name in ("team", "municipality", "search")),
        },
    )


def case_edit_view(request, slug: str):
    programme = programme_current()
    case = case_get(programme=programme, slug=slug)
    ensure_allowed(can_edit_case(request.user, case))
    form = CaseForm(request.POST if request.method == "POST" else None, instance=case)
    back_url = reverse("case-detail", args=[case.slug])
    return form_page(
        request,
        form,
        lambda data: case_update(case=case, by=request.user, **data),
        saved_message=_("The case has been saved."),
        title=_("Edit case: %(title)s") % {"title": case.title},
        intro=_("Describe the case and the questions it puts to the teams."),
        back_url=back_url,
        back_label=case.title,
        submit_label=_("Save case"),
    )
