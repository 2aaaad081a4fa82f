from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from cases.models import Case
from citydeal.api.filters import SearchFilterSet
from events.models import Event, EventKind
from teams.models import Team


class EventFilter(SearchFilterSet):
    search_fields = ("title", "place", "description")
    kind = filters.ChoiceFilter(choices=EventKind.choices)
    team = filters.ModelChoiceFilter(
        field_name="teams", queryset=Team.objects.all(), label=_("Team (id)")
    )
    case = filters.ModelChoiceFilter(
        field_name="cases", queryset=Case.objects.all(), label=_("Case (id)")
    )
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From date"))
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Until date"))

    class Meta:
        model = Event
        fields = ["kind", "team", "case", "date_after", "date_before"]
