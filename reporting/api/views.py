from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from citydeal.api.schema import errors, write_schema
from citydeal.api.views import PortalViewSet
from reporting.api.permissions import SnapshotPermission
from reporting.api.serializers import (
    SnapshotChangesSerializer,
    SnapshotDetailSerializer,
    SnapshotSerializer,
    SnapshotWriteSerializer,
)
from reporting.models import Snapshot
from reporting.selectors import changes_since_previous, snapshot_rows
from reporting.services import snapshot_create


@extend_schema_view(
    list=extend_schema(summary="The snapshots of the directors' update, newest first"),
    retrieve=extend_schema(summary="One snapshot with the dashboard's figures as they were"),
    create=write_schema(
        "Take a snapshot of the state of now (core team)",
        SnapshotWriteSerializer,
        SnapshotDetailSerializer,
        errors(e403="Only core team members."),
        status=201,
    ),
    changes=extend_schema(
        summary="What changed from the previous snapshot to this one",
        responses={200: SnapshotChangesSerializer},
    ),
)
class SnapshotViewSet(mixins.CreateModelMixin, PortalViewSet):
    # Snapshots never change: no update or destroy (PUT, PATCH and DELETE answer 405).

    permission_classes = [SnapshotPermission]

    def get_serializer_class(self):
        return SnapshotSerializer if self.action == "list" else SnapshotDetailSerializer

    def get_queryset(self):
        if self.action == "list":
            return snapshot_rows(programme=self.programme)
        return Snapshot.objects.filter(programme=self.programme).select_related("taken_by")

    def create(self, request, *args, **kwargs):
        data = self.validated(SnapshotWriteSerializer)
        snapshot = snapshot_create(programme=self.programme, by=request.user, **data)
        return self.respond(snapshot, status=201)

    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None):
        comparison = changes_since_previous(self.get_object())
        return Response(
            SnapshotChangesSerializer(
                {
                    "snapshot": comparison.newer.pk,
                    "previous": comparison.older and comparison.older.pk,
                    "changes": comparison.changes,
                }
            ).data
        )
