"""The activity pages: a team's activities, one activity with its history, adding and
editing one, and the planning as an Excel file (a team's, the programme's)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities import excel
from activities.forms import PREVIEW, ActivityFilterForm, ActivityForm
from activities.models import Activity
from activities.permissions import can_add_activity, can_edit_activity
from activities.selectors import activity_get, mark_open, planning_teams, team_activity_rows
from activities.services import activity_create, activity_update
from citydeal.forms import form_page
from citydeal.history import history_timeline_for
from citydeal.paging import page_from_request
from citydeal.readings import readings_attach
from citydeal.services import ensure_allowed
from teams.permissions import can_edit_team_content
from teams.selectors import programme_current, team_get


def team_activities_view(request, number: int):
    """All of a team's activities, 50 a page, searchable and filterable by status."""
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    form = ActivityFilterForm(request.GET)
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    filters = getattr(form, "cleaned_data", {})
    rows = team_activity_rows(
        team=team, search=filters.get("search", ""), status=filters.get("status", "")
    )
    page = page_from_request(request, rows)
    activities = mark_open(page.object_list)
    readings_attach(activities)  # one query for the page's readings of the plan
    return render(
        request,
        "activities/team_activities.html",
        {
            "programme": programme,
            "team": team,
            "form": form,
            "page": page,
            "activities": activities,
            "filtered": bool(filters.get("search") or filters.get("status")),
            # The rule asked once for the team, not once per row.
            "can_edit_team": bool(can_edit_team_content(request.user, team)),
            "can_add_activity": bool(can_add_activity(request.user, team)),
        },
    )


def activity_detail_view(request, pk: int):
    programme = programme_current()
    activity = activity_get(programme=programme, pk=pk)
    readings_attach(activity)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "programme": programme,
            "activity": activity,
            "can_edit": bool(can_edit_activity(request.user, activity)),
            "timeline": history_timeline_for(request.user, activity),
        },
    )


def _previewed(request) -> bool:
    return request.method == "POST" and PREVIEW in request.POST


def _saved_with_warnings(request, form: ActivityForm, saved):
    """Say after saving which of the plan's texts the portal could not read."""
    for reading in form.unreadable:
        messages.warning(
            request,
            _(
                "The portal could not read the %(what)s “%(text)s”: it is kept as "
                "written and the fields are as you filled them in."
            )
            % {"what": reading.label.lower(), "text": reading.text},
        )
    return saved


_FORM_PAGE = {
    "template_name": "activities/activity_form.html",
    "context": {"preview_label": gettext_lazy("Check")},
}


def activity_create_view(request, number: int):
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    ensure_allowed(can_add_activity(request.user, team))
    form = ActivityForm(
        request.POST if request.method == "POST" else None, instance=Activity(), team=team
    )
    return form_page(
        request,
        form,
        lambda data: _saved_with_warnings(
            request, form, activity_create(team=team, by=request.user, data=form.to_input())
        ),
        saved_message=_("The activity has been added."),
        success_url=lambda activity: reverse("activity-detail", args=[activity.pk]),
        title=_("New activity for %(team)s") % {"team": team},
        intro=_(
            "The activity is added at the end of the team's planning. Leave the "
            "estimate and the months empty where they are not known yet."
        ),
        back_url=f"{reverse('team-detail', args=[team.number])}#planning",
        back_label=str(team),
        submit_label=_("Add activity"),
        once=True,
        preview=_previewed(request),
        **_FORM_PAGE,
    )


def activity_edit_view(request, pk: int):
    programme = programme_current()
    activity = activity_get(programme=programme, pk=pk)
    ensure_allowed(can_edit_activity(request.user, activity))
    form = ActivityForm(
        request.POST if request.method == "POST" else None, instance=activity, team=activity.team
    )
    back_url = reverse("activity-detail", args=[activity.pk])
    return form_page(
        request,
        form,
        lambda data: _saved_with_warnings(
            request, form, activity_update(activity=activity, by=request.user, data=form.to_input())
        ),
        saved_message=_("The activity has been saved."),
        title=lambda: _("Edit activity: %(title)s") % {"title": activity.title},
        back_url=back_url,
        back_label=_("Back to the activity"),
        submit_label=_("Save activity"),
        preview=_previewed(request),
        **_FORM_PAGE,
    )


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An Excel file to save, under ``filename``."""
    response = HttpResponse(content, content_type=excel.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def team_planning_export_view(request, number: int):
    """The team's planning as an Excel file, for everyone who sees the team's page."""
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    [team] = planning_teams(programme=programme, team=team)
    return xlsx_response(
        excel.team_planning_xlsx(team), excel.team_planning_filename(team, timezone.localdate())
    )


def planning_export_view(request):
    """The whole programme's planning as an Excel file: a summary and a sheet per team."""
    programme = programme_current()
    content = excel.programme_planning_xlsx(programme, planning_teams(programme=programme))
    filename = excel.programme_planning_filename(timezone.localdate())
    return xlsx_response(content, filename)
