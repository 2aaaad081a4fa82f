from django.contrib import admin
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from citydeal.formatting import format_euro

from .models import Case, CaseCost, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "case_count"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_count=Count("cases"))

    @admin.display(description=_("cases"), ordering="case_count")
    def case_count(self, obj: Municipality) -> int:
        return obj.case_count


class CaseCostInline(admin.TabularInline):
    model = CaseCost
    fields = ["year", "amount"]
    extra = 0


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "municipality",
        "lead_team_code",
        "table_number",
        "team_codes",
        "case_owners",
        "costs_total",
    ]
    list_filter = ["programme", "lead_team", "teams", "municipality"]
    list_select_related = ["municipality", "lead_team"]
    search_fields = [
        "title",
        "slug",
        "description",
        "contact",
        "municipality__name",
        "other_municipalities__name",
    ]
    ordering = ["lead_team__number", "table_number", "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme", "municipality", "lead_team"]
    filter_horizontal = ["other_municipalities", "teams", "owners"]
    inlines = [CaseCostInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "programme",
                    "title",
                    "slug",
                    "municipality",
                    "other_municipalities",
                    "description",
                    "contact",
                ]
            },
        ),
        (_("Teams"), {"fields": ["lead_team", "table_number", "teams"]}),
        (_("Case owners"), {"fields": ["owners"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(costs_total=Sum("costs__amount"))
            .prefetch_related("teams", "owners")
        )

    @admin.display(description=_("listed by"), ordering="lead_team__number")
    def lead_team_code(self, obj: Case) -> str:
        return obj.lead_team.code if obj.lead_team else "—"

    @admin.display(description=_("teams involved"))
    def team_codes(self, obj: Case) -> str:
        return ", ".join(team.code for team in obj.teams.all()) or "—"

    @admin.display(description=_("case owners"))
    def case_owners(self, obj: Case) -> str:
        return ", ".join(user.display_name for user in obj.owners.all()) or "—"

    @admin.display(description=_("costs for the programme"), ordering="costs_total")
    def costs_total(self, obj: Case) -> str:
        return format_euro(obj.costs_total)


@admin.register(CaseCost)
class CaseCostAdmin(SimpleHistoryAdmin):
    list_display = ["case", "lead_team_code", "year", "amount_display"]
    list_filter = ["year", "case__lead_team"]
    list_select_related = ["case__lead_team"]
    search_fields = ["case__title", "case__municipality__name", "=year"]
    ordering = ["case__lead_team__number", "case__table_number", "case__title", "year"]
    autocomplete_fields = ["case"]

    @admin.display(description=_("listed by"), ordering="case__lead_team__number")
    def lead_team_code(self, obj: CaseCost) -> str:
        return obj.case.lead_team.code if obj.case.lead_team else "—"

    @admin.display(description=_("cost for the programme"), ordering="amount")
    def amount_display(self, obj: CaseCost) -> str:
        return format_euro(obj.amount)
