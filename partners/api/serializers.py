from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from citydeal.api.serializers import PlannedRepresentation
from partners.models import Contact, Organisation, RelatedProgramme


class OrganisationSerializer(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "website"]


class ContactSerializer(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "organisation", "email"]


RELATED_PROGRAMME_FIELDS = [
    "name",
    "knowledge_partner",
    "knowledge_partner_text",
    "subject",
    "goal_letters",
    "remark",
    "position",
    "contacts",
]


class RelatedProgrammeSerializer(PlannedRepresentation, serializers.ModelSerializer):
    display_name = serializers.CharField(
        read_only=True, help_text=_("The name, or else the knowledge partner.")
    )

    class Meta:
        model = RelatedProgramme
        fields = ["id", "team", "order", "display_name", *RELATED_PROGRAMME_FIELDS]


class RelatedProgrammeWriteSerializer(serializers.ModelSerializer):
    """What a team lead changes of a row of the team's table
    (``partners.services.related_programme_update``)."""

    class Meta:
        model = RelatedProgramme
        fields = RELATED_PROGRAMME_FIELDS
        validators = []
