from django.contrib import admin
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cases.permissions import can_edit_case
from citydeal.admin import ReadOnlyAdminMixin, ReadOnlyInline, ServiceAdminMixin
from citydeal.formatting import format_euro
from citydeal.permissions import can_assign_roles, can_manage_reference_data
from citydeal.services import links_differ

from . import services
from .models import Case, CaseCost, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Reference data: the functional admin adds and renames municipalities."""

    list_display = ["name", "case_count"]
    service_fields = ("name",)

    def service_rule(self, request, obj=None):
        return can_manage_reference_data(request.user)

    def service_create(self, request, data):
        return services.municipality_save(municipality=None, by=request.user, name=data["name"])

    def service_update(self, request, obj, data):
        return services.municipality_save(municipality=obj, by=request.user, name=data["name"])

    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_count=Count("cases"))

    @admin.display(description=_("cases"), ordering="case_count")
    def case_count(self, obj: Municipality) -> int:
        return obj.case_count


class CaseCostInline(ReadOnlyInline):
    model = CaseCost
    fields = ["year", "amount"]

    def get_queryset(self, request):
        # Each row is shown with its name, which names the case.
        return super().get_queryset(request).select_related("case")


@admin.register(Case)
class CaseAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """A case's description and contact change through ``case_update`` (its owners), its
    owners through ``case_owners_set`` (the functional admin); the rest is the
    programme's structure from the seed, read-only."""

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
    autocomplete_fields = ["programme", "municipality", "lead_team"]
    filter_horizontal = ["other_municipalities", "teams", "owners"]
    inlines = [CaseCostInline]
    service_fields = ("description", "contact", "owners")

    def service_rule(self, request, obj=None):
        if obj is None:
            return None
        verdict = can_edit_case(request.user, obj)
        return verdict if verdict else can_assign_roles(request.user)

    def service_update(self, request, obj, data):
        if (obj.description, obj.contact) != (data["description"], data["contact"]):
            obj = services.case_update(
                case=obj, by=request.user, description=data["description"], contact=data["contact"]
            )
        if links_differ(obj, owners=data["owners"]):
            obj = services.case_owners_set(case=obj, by=request.user, owners=list(data["owners"]))
        return obj

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
class CaseCostAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """The costs per year come from the plan (the OT5 table) and have no service: read."""

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
