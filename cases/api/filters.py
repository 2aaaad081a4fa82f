from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from cases.models import Case, Municipality
from citydeal.api.filters import BooleanFilter, IdFilter, SearchFilterSet
from citydeal.verdicts import owned_case_ids
from teams.models import Team


class CaseFilter(SearchFilterSet):
    search_fields = ("title", "description", "contact")
    team = IdFilter(
        queryset=Team.objects.all(),
        method="filter_team",
        label=_("Team involved or whose table lists the case (id)"),
    )
    municipality = filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(), label=_("Municipality (id)")
    )
    mine = BooleanFilter(
        method="filter_mine",
        label=_("Only my cases"),
        help_text=_("true: only the cases you own; false or left out: every case."),
    )

    class Meta:
        model = Case
        fields = ["team", "municipality", "mine"]

    def filter_team(self, queryset, name, team):
        ids = Case.objects.filter(Q(teams=team) | Q(lead_team=team)).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=owned_case_ids(self.request.user))
