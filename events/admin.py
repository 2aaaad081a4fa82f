from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from citydeal.admin import ServiceAdminMixin
from events.permissions import can_manage_events

from . import services
from .models import Event

_EVENT_FIELDS = ("kind", "title", "date", "date_precision", "place", "description")


@admin.register(Event)
class EventAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Events are planned through ``event_create`` and ``event_update``: the code in the
    URL (slug) is made by the service and stays."""

    list_display = ["date", "date_precision", "title", "kind", "place", "team_codes", "case_titles"]
    list_display_links = ["date", "title"]
    list_filter = ["kind", "date_precision", "programme", "teams"]
    search_fields = ["title", "slug", "place", "description", "cases__title"]
    ordering = ["date", "title"]
    date_hierarchy = "date"
    autocomplete_fields = ["programme"]
    filter_horizontal = ["teams", "cases"]
    fields = ["programme", "slug", *_EVENT_FIELDS, "teams", "cases"]
    service_fields = (*_EVENT_FIELDS, "teams", "cases")
    create_only_fields = ("programme",)

    def service_rule(self, request, obj=None):
        return can_manage_events(request.user)

    def service_create(self, request, data):
        return services.event_create(
            programme=data["programme"],
            by=request.user,
            **{name: data[name] for name in _EVENT_FIELDS},
            teams=list(data["teams"]),
            cases=list(data["cases"]),
        )

    def service_update(self, request, obj, data):
        return services.event_update(
            event=obj,
            by=request.user,
            **{name: data[name] for name in _EVENT_FIELDS},
            teams=list(data["teams"]),
            cases=list(data["cases"]),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("teams", "cases")

    @admin.display(description=_("teams"))
    def team_codes(self, obj: Event) -> str:
        return ", ".join(team.code for team in obj.teams.all()) or "—"

    @admin.display(description=_("cases"))
    def case_titles(self, obj: Event) -> str:
        return ", ".join(case.title for case in obj.cases.all()) or "—"
