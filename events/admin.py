from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["date", "date_precision", "title", "kind", "place", "team_codes", "case_titles"]
    list_display_links = ["date", "title"]
    list_filter = ["kind", "date_precision", "programme", "teams"]
    search_fields = ["title", "slug", "place", "description", "cases__title"]
    ordering = ["date", "title"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme"]
    filter_horizontal = ["teams", "cases"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("teams", "cases")

    @admin.display(description=_("teams"))
    def team_codes(self, obj: Event) -> str:
        return ", ".join(team.code for team in obj.teams.all()) or "—"

    @admin.display(description=_("cases"))
    def case_titles(self, obj: Event) -> str:
        return ", ".join(case.title for case in obj.cases.all()) or "—"
