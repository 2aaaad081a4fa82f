from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from cases.api.filters import CaseFilter
from cases.api.permissions import CasePermission
from cases.api.serializers import CaseSerializer, CaseWriteSerializer
from cases.models import Case
from cases.services import case_update
from citydeal.api.schema import errors, update_schemas
from citydeal.api.views import PortalViewSet, ReadingsMixin, current_values

_OWNER_ONLY = errors(e403="Only an owner of the case.")


@extend_schema_view(
    list=extend_schema(summary="The city cases"),
    retrieve=extend_schema(summary="One city case"),
    **update_schemas(
        "Change a case's description and contact (its owner)",
        "Change a case's description or contact (its owner)",
        CaseWriteSerializer,
        CaseSerializer,
        _OWNER_ONLY,
    ),
)
class CaseViewSet(ReadingsMixin, mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    permission_classes = [CasePermission]

    def get_queryset(self):
        return (
            Case.objects.filter(programme=self.programme)
            .select_related("municipality")
            .prefetch_related("other_municipalities", "teams", "owners", "costs")
            .order_by("lead_team__number", "table_number", "title")
        )

    def update(self, request, *args, partial=False, **kwargs):
        case = self.get_object()
        data = self.validated(CaseWriteSerializer, partial=partial)
        values = {**current_values(case, ["description", "contact"]), **data}
        return self.respond(case_update(case=case, by=request.user, **values))
