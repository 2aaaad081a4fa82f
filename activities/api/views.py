from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from activities import excel, excel_import
from activities.api.filters import ActivityFilter
from activities.api.permissions import ActivityPermission
from activities.api.serializers import (
    ACTIVITY_FIELDS,
    ActivityCreateSerializer,
    ActivitySerializer,
    ActivityWriteSerializer,
    PlanningImportSerializer,
    PlanningImportUploadSerializer,
)
from activities.models import Activity
from activities.permissions import can_import_planning
from activities.planning_text import fields_from_texts
from activities.selectors import planning_teams
from activities.services import ActivityInput, activity_create, activity_update, planning_import
from cases.models import Case
from citydeal.api.schema import errors, update_schemas, write_schema
from citydeal.api.views import PortalViewSet, ReadingsMixin, current_values
from citydeal.services import ensure_allowed
from teams.api.views import TeamViewSet
from teams.models import Team

_TEAM_LEAD_ONLY = errors(e403="Only the team lead of the team.")


@extend_schema_view(
    list=extend_schema(summary="The teams' activities (planning)"),
    retrieve=extend_schema(summary="One activity"),
    create=write_schema(
        "Add an activity to a team's planning (team lead of the team)",
        ActivityCreateSerializer,
        ActivitySerializer,
        _TEAM_LEAD_ONLY,
        status=201,
    ),
    **update_schemas(
        "Change an activity (team lead of its team)",
        "Change some fields of an activity (team lead of its team)",
        ActivityWriteSerializer,
        ActivitySerializer,
        _TEAM_LEAD_ONLY,
    ),
)
class ActivityViewSet(
    ReadingsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, PortalViewSet
):
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    permission_classes = [ActivityPermission]

    def get_queryset(self):
        return (
            # The rows show their team's id only: no team rows to load with them.
            Activity.objects.filter(team__programme=self.programme)
            .prefetch_related(Prefetch("cases", queryset=Case.objects.only("pk")))
            .order_by("team__number", "order")
        )

    def create(self, request, *args, **kwargs):
        data = dict(self.validated(ActivityCreateSerializer))
        team = data.pop("team")
        data |= fields_from_texts(data)
        activity = activity_create(team=team, by=request.user, data=ActivityInput(**data))
        return self.respond(activity, status=201)

    def update(self, request, *args, partial=False, **kwargs):
        activity = self.get_object()
        data = dict(self.validated(ActivityWriteSerializer, partial=partial))
        current = current_values(activity, ACTIVITY_FIELDS)
        data |= fields_from_texts(data, before=current)
        values = {**current, **data}
        activity = activity_update(activity=activity, by=request.user, data=ActivityInput(**values))
        return self.respond(activity)


class FileNegotiation(BaseContentNegotiation):
    """The answer is the file whatever the ``Accept`` header asks (never a 406), a
    refusal JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return JSONRenderer(), JSONRenderer.media_type

    def select_parser(self, request, parsers):
        return None


class TeamPlanningViewSet(TeamViewSet):
    """A team's planning as an Excel file, at ``teams/{id}/planning.xlsx`` (a path of its
    own in ``citydeal.api_urls``, without the trailing slash of the router's paths). The
    teams' viewset itself stands below the activities and cannot know them."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = FileNegotiation

    def get_queryset(self):
        return Team.objects.filter(programme=self.programme)  # no leads: the file has none

    @extend_schema(
        summary="A team's planning as an Excel file",
        description=(
            "One sheet named after the team (`OT1`) with a row per activity in the plan's "
            "order: the plan's own words (planning, estimate) beside the structured fields "
            "(kind, start and end month, minimum, maximum, doubt), status, responsible, "
            "goal and cases. The header row is frozen and filtered; text that a spreadsheet "
            "program could run as a formula starts with an apostrophe."
        ),
        operation_id="teams_planning_xlsx_retrieve",
        responses={
            (200, excel.CONTENT_TYPE): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The workbook (xlsx)."
            ),
            **errors(e404="No team with this id in the programme."),
        },
    )
    def planning_xlsx(self, request, pk=None):
        team = self.get_object()
        [team] = planning_teams(programme=self.programme, team=team)
        response = HttpResponse(excel.team_planning_xlsx(team), content_type=excel.CONTENT_TYPE)
        filename = excel.team_planning_filename(team, timezone.localdate())
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class TeamPlanningImportViewSet(TeamViewSet):
    """A team's planning imported from an Excel file, at ``teams/{id}/planning-import/``
    (a path of its own in ``citydeal.api_urls``, as the download's)."""

    parser_classes = [MultiPartParser]

    def get_queryset(self):
        return Team.objects.filter(programme=self.programme)

    @extend_schema(
        summary="Import a team's planning from an Excel file (team lead of the team, core team)",
        description=(
            "The file (multipart field `file`) in the layout of the team's download "
            "(`GET /api/v1/teams/{id}/planning.xlsx`, its header row in Dutch or English). "
            "Every row is checked; the answer lists what is `added` (rows without an ID), "
            "`changed` (per activity each field that differs, old and new) and `removed` "
            "(the team's activities that are not in the sheet), and every error with its "
            "row and column. With `?dry_run=true` nothing is changed (a preview); without "
            "it everything is applied in one transaction (`applied`: true), or, when there "
            "is any error, nothing (400 with the same body). An unchanged download changes "
            "nothing. A file that cannot be read at all (not an xlsx by its content, larger "
            "than 2 MB or 20 MB unpacked, more than 1000 rows, macros, other columns) "
            "answers 400 with `detail`. An activity that spending requests or workshops "
            "refer to cannot be removed: set its status to cancelled instead."
        ),
        operation_id="teams_planning_import_create",
        parameters=[
            OpenApiParameter(
                "dry_run",
                bool,
                description="`true`: check and answer what would change; change nothing.",
            )
        ],
        request={"multipart/form-data": PlanningImportUploadSerializer},
        responses={
            200: PlanningImportSerializer,
            400: OpenApiResponse(
                response=PlanningImportSerializer,
                description=(
                    'Errors in rows (this body, nothing changed), or `{"detail": ...}` '
                    'for a file that cannot be read, or `{"file": [...]}` without one.'
                ),
            ),
            **errors(
                e403="Only the team lead of the team and the core team.",
                e404="No team with this id in the programme.",
            ),
        },
    )
    def planning_import(self, request, pk=None):
        team = self.get_object()
        # The rule before the body is read: a refused upload never gets as far as a 400.
        ensure_allowed(can_import_planning(request.user, team))
        upload = self.validated(PlanningImportUploadSerializer)["file"]
        dry_run = request.query_params.get("dry_run", "").lower() in ("true", "1", "yes")
        try:
            plan = planning_import(
                team=team,
                by=request.user,
                content=upload.read(excel_import.MAX_FILE_BYTES + 1),
                dry_run=dry_run,
            )
        except excel_import.FileRefused as error:
            return Response({"detail": str(error), "code": "file_refused"}, status=400)
        return Response(plan.as_data(), status=400 if plan.errors else 200)
