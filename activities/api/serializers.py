from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from activities.models import PLANNING_FIELDS, Activity
from cases.models import Case
from citydeal.api.fields import ProgrammeRelatedField, money_field
from citydeal.api.serializers import PlannedRepresentation, readings_field
from citydeal.money import MAX_AMOUNT
from teams.models import Goal, Team

ACTIVITY_FIELDS = [
    "title",
    "goal",
    "explanation",
    "result",
    "responsible",
    *PLANNING_FIELDS,
    "status",
    "note",
    "cases",
]


class ActivitySerializer(PlannedRepresentation, serializers.ModelSerializer):
    readings = readings_field()

    class Meta:
        model = Activity
        fields = ["id", "team", "order", *ACTIVITY_FIELDS, "readings"]


def _money(label):
    return money_field(maximum=MAX_AMOUNT, label=label, required=False, allow_null=True)


class ActivityWriteSerializer(serializers.ModelSerializer):
    """What a team lead fills in for an activity (``activities.services.ActivityInput``).

    Months are dates; the day is set to the 1st, as the page's month field does.
    """

    goal = ProgrammeRelatedField(
        queryset=Goal.objects.all(),
        programme_path="team__programme",
        required=False,
        allow_null=True,
        help_text=_("A goal of the activity's team."),
    )
    cases = ProgrammeRelatedField(queryset=Case.objects.all(), many=True, required=False)
    estimate_min = _money(_("estimate minimum (EUR)"))
    estimate_max = _money(_("estimate maximum (EUR)"))

    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        validators = []

    def validate_start_month(self, value):
        return value.replace(day=1) if value else value

    def validate_end_month(self, value):
        return value.replace(day=1) if value else value


class ActivityCreateSerializer(ActivityWriteSerializer):
    team = ProgrammeRelatedField(
        queryset=Team.objects.all(), help_text=_("The team whose planning gets the activity.")
    )

    class Meta(ActivityWriteSerializer.Meta):
        fields = ["team", *ACTIVITY_FIELDS]
