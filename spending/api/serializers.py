from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import Activity
from budgets.models import BudgetLine, Decision
from citydeal.api.fields import ProgrammeRelatedField, money_field
from citydeal.api.serializers import PlannedRepresentation
from citydeal.money import MAX_AMOUNT
from citydeal.validators import LONG_TEXT_MAX_LENGTH, validate_multiline, validate_single_line
from spending.constants import NOTE_MAX_LENGTH, SpendingAction
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from spending.permissions import spending_actions_for


def _username(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text=_("Username."), **kwargs
    )


class SpendingTransitionSerializer(PlannedRepresentation, serializers.ModelSerializer):
    """One step of the trail: who, when, from which state to which, why, and the
    request's amount at that moment."""

    by = _username()

    class Meta:
        model = SpendingTransition
        fields = ["at", "by", "from_state", "to_state", "amount", "note"]


class SpendingChangeSerializer(PlannedRepresentation, serializers.ModelSerializer):
    """One changed field of a draft or returned request: who, when, before and after."""

    by = _username()
    old_value = serializers.CharField(
        read_only=True,
        help_text=_(
            'The value before: an amount as a decimal string ("80.00"), a budget line or '
            'activity by its name at the time, "" for none.'
        ),
    )
    new_value = serializers.CharField(
        read_only=True, help_text=_("The value after, written as the value before.")
    )

    class Meta:
        model = SpendingChange
        fields = ["at", "by", "field", "old_value", "new_value"]


class SpendingRequestSerializer(PlannedRepresentation, serializers.ModelSerializer):
    team = serializers.IntegerField(
        source="budget_line.team_id", read_only=True, help_text=_("The budget line's team (id).")
    )
    created_by = _username()
    submitted_by = _username(allow_null=True)
    decided_by = _username(allow_null=True)
    transitions = SpendingTransitionSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField(
        help_text=_(
            "The steps the requesting user can take now (the rule and the state allow "
            "them), e.g. ['approve', 'reject', 'return']."
        )
    )

    class Meta:
        model = SpendingRequest
        fields = [
            "id",
            "budget_line",
            "team",
            "activity",
            "year",
            "title",
            "description",
            "amount",
            "state",
            "created_by",
            "submitted_by",
            "submitted_at",
            "decided_by",
            "decided_at",
            "actual_amount",
            "realised_on",
            "decision",
            "created",
            "updated",
            "transitions",
            "actions",
        ]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=SpendingAction.choices))
    )
    def get_actions(self, req) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return [action.value for action in spending_actions_for(request.user, req)]


class SpendingRequestDetailSerializer(SpendingRequestSerializer):
    """One request as its detail shows it: with every change of its fields (the list
    leaves them out)."""

    changes = SpendingChangeSerializer(
        many=True,
        read_only=True,
        help_text=_("Every change of a field while a draft or returned, oldest first."),
    )

    class Meta(SpendingRequestSerializer.Meta):
        fields = [*SpendingRequestSerializer.Meta.fields, "changes"]


def _amount(**kwargs):
    return money_field(minimum="0.01", maximum=MAX_AMOUNT, **kwargs)


class SpendingRequestWriteSerializer(serializers.Serializer):
    """A draft request (``spending_request_create``) or a change to one
    (``spending_request_update``: fields left out stay as they are)."""

    budget_line = ProgrammeRelatedField(
        queryset=BudgetLine.objects.select_related("team", "period"),
        programme_path="team__programme",
        help_text=_("A budget line of a team you lead (core team: any)."),
    )
    activity = ProgrammeRelatedField(
        queryset=Activity.objects.all(),
        programme_path="team__programme",
        required=False,
        allow_null=True,
        help_text=_("An activity of the budget line's team."),
    )
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "The year of the budget space the amount counts against; left out: the first "
            "year of the budget line's period."
        ),
    )
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[validate_multiline],
    )
    amount = _amount(help_text=_('Euros incl. VAT, as a string with two decimals: "50000.00".'))


def _note(required_text=None):
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_MAX_LENGTH,
        default="",
        help_text=required_text or _("A note for the trail (optional)."),
    )


class NoteSerializer(serializers.Serializer):
    note = _note()


class ReasonSerializer(serializers.Serializer):
    note = _note(_("The reason: required; the submitter reads it in the mail and the trail."))


class ApproveSerializer(NoteSerializer):
    decision = ProgrammeRelatedField(
        queryset=Decision.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A core team decision this approval belongs to (id)."),
    )


class RealiseSerializer(NoteSerializer):
    actual_amount = money_field(maximum=MAX_AMOUNT, help_text=_("What it actually cost (EUR)."))
    realised_on = serializers.DateField(help_text=_("When; not in the future."))
