"""The activity pages: a team's activities, one activity with its history, adding and
editing one, the planning as an Excel file (a team's, the programme's), and importing a
team's planning from one."""

import datetime
import secrets
from decimal import Decimal

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities import excel, excel_import
from activities.forms import PREVIEW, ActivityFilterForm, ActivityForm, PlanningImportForm
from activities.models import Activity, ActivityStatus, PlanningKind
from activities.permissions import can_add_activity, can_edit_activity, can_import_planning
from activities.selectors import activity_get, mark_open, planning_teams, team_activity_rows
from activities.services import activity_create, activity_update, planning_import
from citydeal.formatting import format_euro
from citydeal.forms import form_page
from citydeal.history import history_timeline_for
from citydeal.paging import page_from_request
from citydeal.readings import readings_attach
from citydeal.services import ensure_allowed, idempotency_key_valid
from teams.permissions import can_edit_team_content
from teams.selectors import programme_current, team_get


def team_activities_view(request, number: int):
    """All of a team's activities, 50 a page, searchable and filterable by status."""
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    form = ActivityFilterForm(request.GET)
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    selection = form.selection()
    rows = team_activity_rows(team=team, **selection)
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
            "filtered": any(selection.values()),
            # The rule asked once for the team, not once per row.
            "can_edit_team": bool(can_edit_team_content(request.user, team)),
            "can_add_activity": bool(can_add_activity(request.user, team)),
            "can_import_planning": bool(can_import_planning(request.user, team)),
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


# -- importing a team's planning from a spreadsheet ----------------------------------------

# How long a previewed file waits to be applied, in the cache all app servers share.
IMPORT_KEEP_SECONDS = 60 * 60
_IMPORT_KEY = "planning-import:{token}"


def _import_limits() -> dict:
    return {
        "megabytes": excel_import.MAX_FILE_BYTES // (1024 * 1024),
        "rows": excel_import.MAX_ROWS,
    }


def _keep_upload(request, team, content: bytes) -> str:
    """Keep an uploaded file for its apply step; the token that names it."""
    token = secrets.token_urlsafe(24)
    cache.set(
        _IMPORT_KEY.format(token=token),
        {"user": request.user.pk, "team": team.pk, "content": content},
        IMPORT_KEEP_SECONDS,
    )
    return token


def _kept_upload(request, team, token: str) -> bytes | None:
    """The file kept under ``token``, when it is this user's for this team."""
    if not idempotency_key_valid(token):
        return None
    kept = cache.get(_IMPORT_KEY.format(token=token))
    if not kept or (kept["user"], kept["team"]) != (request.user.pk, team.pk):
        return None
    return kept["content"]


def _words(name: str, value) -> str:
    """A field's value for people, in the preview."""
    if value in (None, "", []):
        return "—"
    if name == "planning_kind":
        return str(PlanningKind(value).label)
    if name == "status":
        return str(ActivityStatus(value).label)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "F Y")
    if isinstance(value, Decimal):
        return format_euro(value, decimals=value % 1 != 0)
    if isinstance(value, list):
        return "; ".join(case.title for case in value)
    if hasattr(value, "letter"):
        return excel.goal_label(value)
    return str(value)


def _preview(request, team, plan, token: str):
    """The preview of an import: what it adds, changes and removes, and every error."""
    headers = excel_import.column_headers()

    def column(name: str) -> str:
        return headers[excel_import.FIELDS.index(name)]

    changes = [
        {
            "row": change.row,
            "activity": change.activity,
            "column": column(item.field),
            "old": _words(item.field, item.old),
            "new": _words(item.field, item.new),
        }
        for change in plan.changed
        for item in change.changes
    ]
    added = [
        {
            "row": add.row,
            "title": add.data.title,
            "planning": _words("planning_label", add.data.planning_label),
            "estimate": _words("estimate_text", add.data.estimate_text),
            "status": _words("status", add.data.status),
        }
        for add in plan.added
    ]
    return render(
        request,
        "activities/planning_import_preview.html",
        {
            "team": team,
            "plan": plan,
            "added": added,
            "changes": changes,
            "token": token,
            "fingerprint": plan.fingerprint,
            "back_url": reverse("team-activities", args=[team.number]),
        },
    )


def _import_apply(request, team, token: str):
    """The preview's buttons: apply the kept file, or cancel it."""
    again = reverse("team-planning-import", args=[team.number])
    back = reverse("team-activities", args=[team.number])
    content = _kept_upload(request, team, token)
    if content is None:
        messages.error(
            request,
            _(
                "This preview can no longer be applied: it has been applied or cancelled "
                "already, or it is more than an hour old. Nothing has been changed; upload "
                "the file again."
            ),
        )
        return redirect(again)
    if "cancel" in request.POST:
        cache.delete(_IMPORT_KEY.format(token=token))
        messages.info(request, _("The import has been cancelled: nothing has been changed."))
        return redirect(back)
    try:
        plan = planning_import(
            team=team,
            by=request.user,
            content=content,
            dry_run=False,
            expected=request.POST.get("fingerprint", ""),
        )
    except ValidationError as error:  # an activity referred to since the preview
        for message in error.messages:
            messages.error(request, message)
        return redirect(again)
    if plan.applied:
        cache.delete(_IMPORT_KEY.format(token=token))
        messages.success(
            request,
            _(
                "The planning has been imported: %(added)d added, %(changed)d changed, "
                "%(removed)d removed."
            )
            % {
                "added": len(plan.added),
                "changed": len(plan.changed),
                "removed": len(plan.removed),
            },
        )
        return redirect(back)
    if plan.stale:
        messages.warning(
            request,
            _(
                "The planning has changed since this preview was made: nothing has been "
                "applied. Check the new preview below and apply it again."
            ),
        )
    if plan.errors or plan.empty:
        cache.delete(_IMPORT_KEY.format(token=token))
        token = ""
    return _preview(request, team, plan, token)


def team_planning_import_view(request, number: int):
    """Import the team's planning from a spreadsheet in the export's layout: upload, a
    preview of every change and error, then apply all of it or nothing. The file waits
    in the shared cache between the preview and the apply step (an hour), for this user
    and team only; applying reads it again and applies only the plan that was shown."""
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    ensure_allowed(can_import_planning(request.user, team))
    if request.method == "POST" and "token" in request.POST:
        return _import_apply(request, team, request.POST["token"])
    posted = request.method == "POST"
    form = PlanningImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        limits=_import_limits(),
    )
    if posted and form.is_valid():
        content = form.cleaned_data["file"].read(excel_import.MAX_FILE_BYTES + 1)
        try:
            plan = planning_import(team=team, by=request.user, content=content, dry_run=True)
        except excel_import.FileRefused as error:
            form.add_error("file", str(error))
        else:
            ready = not plan.errors and not plan.empty
            return _preview(
                request, team, plan, _keep_upload(request, team, content) if ready else ""
            )
    return render(
        request,
        "activities/planning_import.html",
        {
            "team": team,
            "form": form,
            "back_url": reverse("team-activities", args=[team.number]),
        },
    )
