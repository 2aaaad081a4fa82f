from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from citydeal.api.schema import errors, update_schemas, write_schema
from citydeal.api.views import PortalViewSet, ReadingsMixin, current_values
from events.api.filters import EventFilter
from events.api.permissions import EventPermission
from events.api.serializers import EVENT_FIELDS, EventSerializer, EventWriteSerializer
from events.models import Event
from events.services import event_create, event_update

_CORE_TEAM_ONLY = errors(e403="Only core team members.")


@extend_schema_view(
    list=extend_schema(summary="The programme's events (ateliers, meetings, workshops)"),
    retrieve=extend_schema(summary="One event"),
    create=write_schema(
        "Plan an event (core team)",
        EventWriteSerializer,
        EventSerializer,
        _CORE_TEAM_ONLY,
        status=201,
    ),
    **update_schemas(
        "Change an event (core team)",
        "Change some fields of an event (core team)",
        EventWriteSerializer,
        EventSerializer,
        _CORE_TEAM_ONLY,
    ),
)
class EventViewSet(ReadingsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    permission_classes = [EventPermission]

    def get_queryset(self):
        return (
            Event.objects.filter(programme=self.programme)
            .prefetch_related("teams", "cases")
            .order_by("date", "title", "pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.validated(EventWriteSerializer)
        event = event_create(programme=self.programme, by=request.user, **data)
        return self.respond(event, status=201)

    def update(self, request, *args, partial=False, **kwargs):
        event = self.get_object()
        data = self.validated(EventWriteSerializer, partial=partial)
        values = {**current_values(event, EVENT_FIELDS), **data}
        return self.respond(event_update(event=event, by=request.user, **values))
