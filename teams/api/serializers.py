from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from citydeal.api.serializers import PlannedRepresentation
from teams.models import Goal, Team


class TeamSerializer(PlannedRepresentation, serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text=_("e.g. 'OT1'."))
    leads = serializers.SlugRelatedField(
        many=True,
        read_only=True,
        slug_field="username",
        help_text=_("Usernames of the team leads."),
    )

    class Meta:
        model = Team
        fields = ["id", "number", "code", "name", "short_name", "goals_intro", "plan_note", "leads"]


class GoalSerializer(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "team", "order", "letter", "title", "text"]


class GoalWriteSerializer(serializers.ModelSerializer):
    """What a team lead changes of a goal (``teams.services.goal_update``)."""

    class Meta:
        model = Goal
        fields = ["letter", "title", "text"]
        validators = []  # the service's full_clean checks the constraints, with the team
