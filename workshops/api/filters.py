from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from cases.models import Case
from citydeal.api.filters import BooleanFilter, SearchFilterSet
from teams.models import Team
from workshops.constants import BookingState, SlotState
from workshops.models import Booking, WorkshopSlot

_MOMENT = _(
    "ISO 8601, e.g. 2022-03-01 or 2022-03-01T10:00:00+01:00; without an offset in "
    "Europe/Amsterdam time."
)


class WorkshopSlotFilter(SearchFilterSet):
    search_fields = ("title", "topic", "description")
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("Team (id)"))
    topic = filters.CharFilter(
        lookup_expr="iexact", max_length=100, label=_("Topic (whole, any case)")
    )
    start_after = filters.IsoDateTimeFilter(
        field_name="start", lookup_expr="gte", label=_("Starts at or after"), help_text=_MOMENT
    )
    start_before = filters.IsoDateTimeFilter(
        field_name="start", lookup_expr="lt", label=_("Starts before"), help_text=_MOMENT
    )
    has_places = BooleanFilter(
        method="filter_has_places",
        label=_("Has free places"),
        help_text=_(
            "true: scheduled slots with a place not yet confirmed; false: full or cancelled."
        ),
    )
    state = filters.ChoiceFilter(choices=SlotState.choices)

    class Meta:
        model = WorkshopSlot
        fields = ["team", "topic", "start_after", "start_before", "has_places", "state"]

    def filter_has_places(self, queryset, name, value):
        # ``places_left`` is the selector's annotation (workshops.selectors.slots_with_places).
        if value:
            return queryset.filter(state=SlotState.PUBLISHED, places_left__gt=0)
        return queryset.filter(Q(places_left=0) | Q(state=SlotState.CANCELLED))


class BookingFilter(filters.FilterSet):
    slot = filters.ModelChoiceFilter(
        queryset=WorkshopSlot.objects.all(), label=_("Workshop slot (id)")
    )
    case = filters.ModelChoiceFilter(queryset=Case.objects.all(), label=_("Case (id)"))
    team = filters.ModelChoiceFilter(
        field_name="slot__team", queryset=Team.objects.all(), label=_("Team of the workshop (id)")
    )
    state = filters.ChoiceFilter(choices=BookingState.choices)

    class Meta:
        model = Booking
        fields = ["slot", "case", "team", "state"]
