from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from citydeal.api.fields import ProgrammeRelatedField, money_field
from citydeal.forms import MAX_AMOUNT
from events.models import Event
from spending.permissions import can_view_spending_pages


class BudgetPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetPeriod
        fields = ["id", "label", "title", "start_year", "end_year", "description"]


def _figure(help_text) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True, help_text=help_text
    )


class BudgetLineSerializer(serializers.ModelSerializer):
    """A budget line with its budget control figures.

    The figures are those of the spending pages, so only users who may see spending (the
    core team, directors and team leads) get them; for others they are null.
    """

    approved = _figure(_("Approved and not yet realised (EUR)."))
    realised = _figure(_("Actually spent on realised requests (EUR)."))
    pending = _figure(_("Submitted, waiting for a decision (EUR)."))
    committed = _figure(_("Approved plus realised: what counts against the line (EUR)."))
    remaining = _figure(_("The amount minus what is committed (EUR)."))

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "team",
            "period",
            "amount",
            "main_activities",
            "approved",
            "realised",
            "pending",
            "committed",
            "remaining",
        ]

    def to_representation(self, line):
        data = super().to_representation(line)
        request = self.context.get("request")
        figures = {}
        if request is not None and can_view_spending_pages(request.user):
            approved, realised = line.approved_total, line.realised_total
            figures = {
                "approved": approved,
                "realised": realised,
                "pending": line.pending_total,
                "committed": approved + realised,
                "remaining": line.amount - approved - realised,
            }
        for name in ("approved", "realised", "pending", "committed", "remaining"):
            value = figures.get(name)
            data[name] = None if value is None else self.fields[name].to_representation(value)
        return data


class BudgetLineWriteSerializer(serializers.ModelSerializer):
    """What the core team sets of a budget line (``budgets.services.budget_line_update``)."""

    amount = money_field(maximum=MAX_AMOUNT, label=_("amount incl. VAT (EUR)"))

    class Meta:
        model = BudgetLine
        fields = ["amount", "main_activities"]
        validators = []


class BudgetSpaceSerializer(serializers.ModelSerializer):
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


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "date", "reference", "meeting", "text", "event", "budget_lines"]


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
