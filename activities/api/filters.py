from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from activities.models import Activity, ActivityStatus, PlanningKind
from citydeal.api.filters import SearchFilterSet
from teams.models import Goal, Team


class ActivityFilter(SearchFilterSet):
    search_fields = ("title", "explanation", "result", "responsible")
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("Team (id)"))
    goal = filters.ModelChoiceFilter(queryset=Goal.objects.all(), label=_("Goal (id)"))
    status = filters.ChoiceFilter(choices=ActivityStatus.choices)
    planning_kind = filters.ChoiceFilter(choices=PlanningKind.choices)

    class Meta:
        model = Activity
        fields = ["team", "goal", "status", "planning_kind"]
