from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import Activity
from cases.models import Case
from citydeal.api.fields import ProgrammeRelatedField
from citydeal.api.serializers import PlannedRepresentation
from citydeal.validators import LONG_TEXT_MAX_LENGTH, validate_multiline, validate_single_line
from teams.models import Goal, Team
from workshops.constants import NOTE_MAX_LENGTH, BookingAction
from workshops.models import Booking, BookingTransition, WorkshopSlot
from workshops.permissions import booking_actions_for

# The steps as the API names them: the path of each step's endpoint.
STEP_PATHS = {
    BookingAction.CONFIRM: "confirm",
    BookingAction.DECLINE: "decline",
    BookingAction.CANCEL: "cancel",
    BookingAction.HELD: "held",
    BookingAction.NOT_HELD: "not-held",
}

_MOMENT_HELP = _(
    "Date and time in ISO 8601 with an offset, e.g. 2022-03-01T10:00:00+01:00; without one "
    "it is read as Europe/Amsterdam time."
)


def _username(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text=_("Username."), **kwargs
    )


def _count(help_text) -> serializers.IntegerField:
    return serializers.IntegerField(read_only=True, help_text=help_text)


class WorkshopSlotSerializer(PlannedRepresentation, serializers.ModelSerializer):
    """A workshop a team offers, with its free places counted from the confirmed bookings."""

    places_left = _count(_("Places not yet confirmed (0 when full)."))
    confirmed_count = _count(_("Confirmed bookings."))
    requested_count = _count(_("Requests waiting for the team's answer."))
    waiting_count = _count(_("Bookings on the waiting list."))
    created_by = _username()

    class Meta:
        model = WorkshopSlot
        fields = [
            "id",
            "team",
            "title",
            "topic",
            "goal",
            "activity",
            "start",
            "end",
            "location",
            "capacity",
            "places_left",
            "confirmed_count",
            "requested_count",
            "waiting_count",
            "description",
            "request_deadline",
            "state",
            "cancel_reason",
            "created_by",
            "created",
            "updated",
        ]


class WorkshopSlotWriteSerializer(serializers.Serializer):
    """A new workshop slot (``slot_create``), or a change to one (``slot_update``: fields
    left out stay as they are; the team of a slot does not change)."""

    team = ProgrammeRelatedField(
        queryset=Team.objects.all(), help_text=_("A team you lead (core team: any).")
    )
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    topic = serializers.CharField(
        max_length=100,
        validators=[validate_single_line],
        help_text=_("A short theme that case owners filter on, e.g. 'data'."),
    )
    goal = ProgrammeRelatedField(
        queryset=Goal.objects.all(),
        programme_path="team__programme",
        required=False,
        allow_null=True,
        help_text=_("A goal of the slot's team (id)."),
    )
    activity = ProgrammeRelatedField(
        queryset=Activity.objects.all(),
        programme_path="team__programme",
        required=False,
        allow_null=True,
        help_text=_("An activity of the slot's team (id)."),
    )
    start = serializers.DateTimeField(help_text=_MOMENT_HELP)
    end = serializers.DateTimeField(help_text=_("After the start; as the start."))
    location = serializers.CharField(
        max_length=300,
        validators=[validate_single_line],
        help_text=_("The place or the online link."),
    )
    capacity = serializers.IntegerField(
        min_value=1, max_value=1000, help_text=_("How many cases can take part (1 or more).")
    )
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[validate_multiline],
    )
    request_deadline = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("The last day on which a case can ask for a place; empty: until the start."),
    )

    def validate_team(self, team):
        if self.instance is not None and team.pk != self.instance.team_id:
            raise serializers.ValidationError(
                _("The team of a workshop cannot change: cancel it and publish a new one.")
            )
        return team

    def validate(self, attrs):
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start is not None and end is not None and end <= start:
            raise serializers.ValidationError({"end": _("The end must lie after the start.")})
        return attrs


class BookingTransitionSerializer(PlannedRepresentation, serializers.ModelSerializer):
    """One step of a booking: who, when, from which state to which, and why."""

    by = _username()

    class Meta:
        model = BookingTransition
        fields = ["at", "by", "from_state", "to_state", "note"]


class BookingSerializer(PlannedRepresentation, serializers.ModelSerializer):
    team = serializers.IntegerField(
        source="slot.team_id", read_only=True, help_text=_("The workshop's team (id).")
    )
    requested_by = _username()
    decided_by = _username(allow_null=True)
    trail = BookingTransitionSerializer(
        source="transitions",
        many=True,
        read_only=True,
        help_text=_("Every step of the booking, oldest first."),
    )
    actions = serializers.SerializerMethodField(
        help_text=_(
            "The steps the requesting user can take now (the rule and the state allow "
            "them), e.g. ['confirm', 'decline', 'cancel']."
        )
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "slot",
            "team",
            "case",
            "questions",
            "state",
            "requested_by",
            "decided_by",
            "decided_at",
            "report",
            "created",
            "updated",
            "trail",
            "actions",
        ]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(STEP_PATHS.values())))
    )
    def get_actions(self, booking) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return [STEP_PATHS[action] for action in booking_actions_for(request.user, booking)]


class BookingWriteSerializer(serializers.Serializer):
    """A request for a place (``booking_request``)."""

    slot = ProgrammeRelatedField(
        queryset=WorkshopSlot.objects.all(),
        programme_path="team__programme",
        help_text=_("The workshop slot (id)."),
    )
    case = ProgrammeRelatedField(
        queryset=Case.objects.all(), help_text=_("Your own case (core team: any) (id).")
    )
    questions = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[validate_multiline],
        help_text=_("The questions the case brings."),
    )
    waiting_list = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "On a full workshop: join the waiting list (true) instead of a 409 `slot_full`."
        ),
    )


def _text(help_text, *, max_length: int = NOTE_MAX_LENGTH) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length, help_text=help_text
    )


class BookingNoteSerializer(serializers.Serializer):
    note = _text(_("A note for the trail (optional)."))


class BookingDeclineSerializer(serializers.Serializer):
    note = _text(_("The reason: required; the case reads it in the mail and the trail."))


class CancelReasonSerializer(serializers.Serializer):
    reason = _text(_("The reason: required; the other side reads it in the mail and the trail."))


class BookingReportSerializer(serializers.Serializer):
    report = _text(_("A short report of the workshop (optional)."), max_length=LONG_TEXT_MAX_LENGTH)
