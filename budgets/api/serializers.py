from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from citydeal.api.fields import ProgrammeRelatedField, money_field
from citydeal.api.serializers import PlannedRepresentation, readings_field
from citydeal.money import MAX_AMOUNT
from events.models import Event


class BudgetPeriodSerializer(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = BudgetPeriod
        fields = ["id", "label", "title", "start_year", "end_year", "description"]


class BudgetLineWriteSerializer(serializers.ModelSerializer):
    """What the core team sets of a budget line (``budgets.services.budget_line_update``)."""

    amount = money_field(maximum=MAX_AMOUNT, label=_("amount incl. VAT (EUR)"))

    class Meta:
        model = BudgetLine
        fields = ["amount", "main_activities"]
        validators = []


class BudgetSpaceSerializer(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = BudgetSpace
        fields = ["id", "year", "amount_min", "amount_max", "carries_over", "note"]


class BudgetSpaceWriteSerializer(serializers.ModelSerializer):
    """What the core team sets of a year's budget space (``budget_space_update``)."""

    amount_min = money_field(
        maximum=MAX_AMOUNT, label=_("minimum (EUR)"), required=False, allow_null=True
    )
    amount_max = money_field(
        maximum=MAX_AMOUNT, label=_("maximum (EUR)"), required=False, allow_null=True
    )

    class Meta:
        model = BudgetSpace
        fields = ["amount_min", "amount_max", "carries_over", "note"]
        validators = []


class DecisionSerializer(PlannedRepresentation, serializers.ModelSerializer):
    readings = readings_field()

    class Meta:
        model = Decision
        fields = [
            "id",
            "date",
            "reference",
            "meeting",
            "text",
            "event",
            "budget_lines",
            "readings",
        ]


class DecisionWriteSerializer(serializers.ModelSerializer):
    """A decision of the core team (``budgets.services.decision_record``)."""

    event = ProgrammeRelatedField(queryset=Event.objects.all(), required=False, allow_null=True)
    budget_lines = ProgrammeRelatedField(
        queryset=BudgetLine.objects.select_related("team"),
        programme_path="team__programme",
        many=True,
        required=False,
    )

    class Meta:
        model = Decision
        fields = ["date", "meeting", "text", "event", "budget_lines"]
        validators = []
