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
    return money_field(
        maximum=MAX_AMOUNT,
        label=label,
        required=False,
        allow_null=True,
        help_text=_FILLED_FROM_ESTIMATE,
    )


_FILLED_FROM_PLANNING = _(
    "Filled in from a new planning_label that the portal can read, unless sent in the "
    "same request (what is sent wins); otherwise kept as sent or as it was."
)
_FILLED_FROM_ESTIMATE = _(
    "Filled in from a new estimate_text that the portal can read, unless sent in the "
    "same request (what is sent wins); otherwise kept as sent or as it was."
)


class ActivityWriteSerializer(serializers.ModelSerializer):
    """What a team lead fills in for an activity (``activities.services.ActivityInput``).

    Months are dates; the day is set to the 1st, as the page's month field does. A new
    planning or estimate text is read as the activity form reads it
    (``activities.planning_text.fields_from_texts``): it fills in the structured fields
    the request does not send itself.
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
        extra_kwargs = {
            "planning_label": {
                "help_text": _(
                    'The plan\'s own words, e.g. "najaar \'21 - zomer \'22", "Q1 2022", '
                    '"doorlopend", "vanaf jan \'22" or "ntb". A new text that the portal '
                    "can read fills in planning_kind, start_month and end_month where the "
                    "request does not send them; a text it cannot read is kept as written."
                )
            },
            "estimate_text": {
                "help_text": _(
                    'The plan\'s own words, e.g. "ca. 50-60k", "40-50k?", "€ 12.500" or '
                    '"PM". A new text that the portal can read fills in estimate_min, '
                    "estimate_max and estimate_doubtful where the request does not send "
                    "them; a text it cannot read is kept as written."
                )
            },
            "planning_kind": {"help_text": _FILLED_FROM_PLANNING},
            "start_month": {"help_text": _FILLED_FROM_PLANNING},
            "end_month": {"help_text": _FILLED_FROM_PLANNING},
            "estimate_doubtful": {"help_text": _FILLED_FROM_ESTIMATE},
        }

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


# -- importing a team's planning (answers only; the request is a file) ---------------------


class PlanningImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=(
            "The team's planning as an xlsx workbook in the layout of "
            "`GET /api/v1/teams/{id}/planning.xlsx` (header row in Dutch or English)."
        )
    )


class PlanningImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text="The row of the sheet; null for an activity not in it."
    )
    column = serializers.CharField(help_text="The column's header, in the request's language.")
    message = serializers.CharField()


class PlanningImportFieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The activity's field, e.g. `estimate_min`.")
    old = serializers.JSONField(
        help_text="Dates ISO 8601, amounts decimal strings, a goal its label, cases titles."
    )
    new = serializers.JSONField()


class PlanningImportAddedSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    title = serializers.CharField()
    fields = serializers.DictField(child=serializers.JSONField(), help_text="Every field.")


class PlanningImportChangedSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="The title before the import.")
    changes = PlanningImportFieldChangeSerializer(many=True)


class PlanningImportRemovedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class PlanningImportSerializer(serializers.Serializer):
    added = PlanningImportAddedSerializer(many=True)
    changed = PlanningImportChangedSerializer(many=True)
    removed = PlanningImportRemovedSerializer(many=True)
    errors = PlanningImportErrorSerializer(many=True)
    applied = serializers.BooleanField()
