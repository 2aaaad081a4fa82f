from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from citydeal.api.filters import IntegerFilter, SearchFilterSet
from teams.models import Goal, Team


class TeamFilter(SearchFilterSet):
    search_fields = ("name", "short_name")
    number = IntegerFilter(label=_("Team number"), min_value=1, max_value=32767)

    class Meta:
        model = Team
        fields = ["number"]


class GoalFilter(SearchFilterSet):
    search_fields = ("title", "text")
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("Team (id)"))

    class Meta:
        model = Goal
        fields = ["team"]
