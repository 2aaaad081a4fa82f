from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from citydeal.api.schema import errors, update_schemas
from citydeal.api.views import PortalViewSet, current_values
from partners.api.filters import ContactFilter, OrganisationFilter, RelatedProgrammeFilter
from partners.api.permissions import PartnerPermission, RelatedProgrammePermission
from partners.api.serializers import (
    RELATED_PROGRAMME_FIELDS,
    ContactSerializer,
    OrganisationSerializer,
    RelatedProgrammeSerializer,
    RelatedProgrammeWriteSerializer,
)
from partners.models import Contact, Organisation, RelatedProgramme
from partners.services import related_programme_update

_TEAM_LEAD_ONLY = errors(e403="Only the team lead of the team.")


@extend_schema_view(
    list=extend_schema(summary="Knowledge partners and other organisations"),
    retrieve=extend_schema(summary="One organisation"),
)
class OrganisationViewSet(PortalViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    permission_classes = [PartnerPermission]
    queryset = Organisation.objects.order_by("name")


@extend_schema_view(
    list=extend_schema(summary="Contact persons"),
    retrieve=extend_schema(summary="One contact person"),
)
class ContactViewSet(PortalViewSet):
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    permission_classes = [PartnerPermission]
    queryset = Contact.objects.order_by("name")


@extend_schema_view(
    list=extend_schema(summary="The teams' related national programmes"),
    retrieve=extend_schema(summary="One related national programme"),
    **update_schemas(
        "Change a related programme (team lead of its team)",
        "Change some fields of a related programme (team lead of its team)",
        RelatedProgrammeWriteSerializer,
        RelatedProgrammeSerializer,
        _TEAM_LEAD_ONLY,
    ),
)
class RelatedProgrammeViewSet(mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = RelatedProgrammeSerializer
    filterset_class = RelatedProgrammeFilter
    permission_classes = [RelatedProgrammePermission]

    def get_queryset(self):
        return (
            RelatedProgramme.objects.filter(team__programme=self.programme)
            .select_related("knowledge_partner")
            .prefetch_related("contacts")
            .order_by("team__number", "order")
        )

    def update(self, request, *args, partial=False, **kwargs):
        row = self.get_object()
        data = self.validated(RelatedProgrammeWriteSerializer, partial=partial)
        values = {**current_values(row, RELATED_PROGRAMME_FIELDS), **data}
        row = related_programme_update(related_programme=row, by=request.user, **values)
        return self.respond(row)
