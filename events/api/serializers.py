from rest_framework import serializers

from cases.models import Case
from citydeal.api.fields import ProgrammeRelatedField
from citydeal.api.serializers import PlannedRepresentation, readings_field
from events.models import Event
from teams.models import Team

EVENT_FIELDS = ["kind", "title", "date", "date_precision", "place", "description", "teams", "cases"]


class EventSerializer(PlannedRepresentation, serializers.ModelSerializer):
    readings = readings_field()

    class Meta:
        model = Event
        fields = ["id", "slug", *EVENT_FIELDS, "readings"]


class EventWriteSerializer(serializers.ModelSerializer):
    """A programme event as the core team plans it (``events.services.event_create`` and
    ``event_update``); with precision "month" the date is set to the 1st."""

    teams = ProgrammeRelatedField(queryset=Team.objects.all(), many=True, required=False)
    cases = ProgrammeRelatedField(queryset=Case.objects.all(), many=True, required=False)

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        validators = []
