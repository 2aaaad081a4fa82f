from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from activities.api.filters import ActivityFilter
from activities.api.permissions import ActivityPermission
from activities.api.serializers import (
    ACTIVITY_FIELDS,
    ActivityCreateSerializer,
    ActivitySerializer,
    ActivityWriteSerializer,
)
from activities.models import Activity
from activities.services import ActivityInput, activity_create, activity_update
from cases.models import Case
from citydeal.api.schema import errors, update_schemas, write_schema
from citydeal.api.views import PortalViewSet, current_values

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
class ActivityViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, PortalViewSet):
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
        activity = activity_create(team=team, by=request.user, data=ActivityInput(**data))
        return self.respond(activity, status=201)

    def update(self, request, *args, partial=False, **kwargs):
        activity = self.get_object()
        data = self.validated(ActivityWriteSerializer, partial=partial)
        values = {**current_values(activity, ACTIVITY_FIELDS), **data}
        activity = activity_update(activity=activity, by=request.user, data=ActivityInput(**values))
        return self.respond(activity)
