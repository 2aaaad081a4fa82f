from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from citydeal.api.schema import errors, update_schemas
from citydeal.api.views import PortalViewSet, current_values
from teams.api.filters import GoalFilter, TeamFilter
from teams.api.permissions import GoalPermission, TeamPermission
from teams.api.serializers import GoalSerializer, GoalWriteSerializer, TeamSerializer
from teams.models import Goal, Team
from teams.services import goal_update


@extend_schema_view(
    list=extend_schema(summary="The programme's development teams"),
    retrieve=extend_schema(summary="One development team"),
)
class TeamViewSet(PortalViewSet):
    serializer_class = TeamSerializer
    filterset_class = TeamFilter
    permission_classes = [TeamPermission]

    def get_queryset(self):
        return (
            Team.objects.filter(programme=self.programme)
            .prefetch_related("leads")
            .order_by("number")
        )


@extend_schema_view(
    list=extend_schema(summary="The teams' goals (doelstellingen / werkgroepen)"),
    retrieve=extend_schema(summary="One goal"),
    **update_schemas(
        "Change a goal (team lead of its team)",
        "Change some fields of a goal (team lead of its team)",
        GoalWriteSerializer,
        GoalSerializer,
        errors(e403="Only the team lead of the team."),
    ),
)
class GoalViewSet(mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = GoalSerializer
    filterset_class = GoalFilter
    permission_classes = [GoalPermission]

    def get_queryset(self):
        return Goal.objects.filter(team__programme=self.programme).order_by("team__number", "order")

    def update(self, request, *args, partial=False, **kwargs):
        goal = self.get_object()
        data = self.validated(GoalWriteSerializer, partial=partial)
        values = {**current_values(goal, ["letter", "title", "text"]), **data}
        return self.respond(goal_update(goal=goal, by=request.user, **values))
