from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Case, CaseCost
from citydeal.api.serializers import PlannedRepresentation, readings_field


class CaseCostSerializer(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = CaseCost
        fields = ["year", "amount"]


class CaseSerializer(PlannedRepresentation, serializers.ModelSerializer):
    municipality = serializers.StringRelatedField(
        allow_null=True, help_text=_("Empty when the case spans several municipalities.")
    )
    other_municipalities = serializers.StringRelatedField(many=True)
    owners = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="username", help_text=_("Usernames.")
    )
    costs = CaseCostSerializer(many=True, read_only=True)
    readings = readings_field()

    class Meta:
        model = Case
        fields = [
            "id",
            "slug",
            "title",
            "municipality",
            "other_municipalities",
            "description",
            "lead_team",
            "table_number",
            "teams",
            "contact",
            "owners",
            "costs",
            "readings",
        ]


class CaseWriteSerializer(serializers.ModelSerializer):
    """What a case owner changes of the own case (``cases.services.case_update``)."""

    class Meta:
        model = Case
        fields = ["description", "contact"]
        validators = []
