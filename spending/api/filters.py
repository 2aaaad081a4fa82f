from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod
from citydeal.api.filters import SearchFilterSet, year_filter
from spending.constants import SpendingState
from spending.models import SpendingRequest
from teams.models import Team


def _amount_filter(lookup: str, label) -> filters.NumberFilter:
    return filters.NumberFilter(
        field_name="amount", lookup_expr=lookup, label=label, max_digits=10, decimal_places=2
    )


class SpendingRequestFilter(SearchFilterSet):
    search_fields = ("title", "description")
    team = filters.ModelChoiceFilter(
        field_name="budget_line__team", queryset=Team.objects.all(), label=_("Team (id)")
    )
    period = filters.ModelChoiceFilter(
        field_name="budget_line__period",
        queryset=BudgetPeriod.objects.all(),
        label=_("Budget period (id)"),
    )
    budget_line = filters.ModelChoiceFilter(
        queryset=BudgetLine.objects.all(), label=_("Budget line (id)")
    )
    activity = filters.ModelChoiceFilter(queryset=Activity.objects.all(), label=_("Activity (id)"))
    state = filters.ChoiceFilter(choices=SpendingState.choices)
    year = year_filter("year", _("Year of the budget space"))
    submitted_after = filters.DateFilter(
        field_name="submitted_at__date", lookup_expr="gte", label=_("Submitted on or after")
    )
    submitted_before = filters.DateFilter(
        field_name="submitted_at__date", lookup_expr="lte", label=_("Submitted on or before")
    )
    amount_min = _amount_filter("gte", _("Amount at least (EUR)"))
    amount_max = _amount_filter("lte", _("Amount at most (EUR)"))

    class Meta:
        model = SpendingRequest
        fields = [
            "team",
            "period",
            "budget_line",
            "activity",
            "state",
            "year",
            "submitted_after",
            "submitted_before",
            "amount_min",
            "amount_max",
        ]
