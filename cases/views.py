from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.forms import CaseForm
from cases.permissions import can_edit_case
from cases.selectors import case_get, case_table
from cases.services import case_update
from citydeal.forms import form_page
from citydeal.services import ensure_allowed
from teams.selectors import programme_current


def case_list_view(request):
    programme = programme_current()
    return render(
        request,
        "cases/case_list.html",
        {"programme": programme, "table": case_table(programme=programme)},
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
