from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from citydeal.api.filters import IntegerFilter, SearchFilterSet, year_filter
from teams.models import Team


class BudgetPeriodFilter(filters.FilterSet):
    year = IntegerFilter(
        method="filter_year", label=_("A year the period covers"), min_value=1900, max_value=2200
    )

    class Meta:
        model = BudgetPeriod
        fields = ["year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value, end_year__gte=value)


class BudgetLineFilter(filters.FilterSet):
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("Team (id)"))
    period = filters.ModelChoiceFilter(
        queryset=BudgetPeriod.objects.all(), label=_("Budget period (id)")
    )

    class Meta:
        model = BudgetLine
        fields = ["team", "period"]


class BudgetSpaceFilter(filters.FilterSet):
    year = year_filter("year", _("Year"))

    class Meta:
        model = BudgetSpace
        fields = ["year"]


class DecisionFilter(SearchFilterSet):
    search_fields = ("meeting", "text")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From date"))
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Until date"))
    budget_line = filters.ModelChoiceFilter(
        field_name="budget_lines",
        queryset=BudgetLine.objects.all(),
        label=_("Budget line (id)"),
    )

    class Meta:
        model = Decision
        fields = ["date_after", "date_before", "budget_line"]
