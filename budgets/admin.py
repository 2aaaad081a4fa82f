from django.contrib import admin
from django.db.models import Count, Prefetch, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from budgets.permissions import can_manage_budget, can_manage_decisions
from citydeal.admin import ReadOnlyAdminMixin, ReadOnlyInline, ServiceAdminMixin
from citydeal.formatting import format_euro

from . import services
from .models import BudgetLine, BudgetPeriod, BudgetSpace, Decision


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["team", "amount", "main_activities"]
    show_change_link = True

    def get_queryset(self, request):
        # Each row is shown with its name: the team and the period.
        return super().get_queryset(request).select_related("team", "period")


@admin.register(BudgetPeriod)
class BudgetPeriodAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Periods are part of the programme's structure (seed data): read-only."""

    list_display = ["label", "title", "start_year", "end_year", "programme", "lines_total"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["label", "title", "description"]
    ordering = ["programme__name", "start_year"]
    autocomplete_fields = ["programme"]
    inlines = [BudgetLineInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lines_total=Sum("lines__amount"))

    @admin.display(description=_("total of the budget lines"), ordering="lines_total")
    def lines_total(self, obj: BudgetPeriod) -> str:
        return format_euro(obj.lines_total)


@admin.register(BudgetSpace)
class BudgetSpaceAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["year", "programme", "minimum", "maximum", "carries_over"]
    list_filter = ["programme", "carries_over"]
    list_select_related = ["programme"]
    search_fields = ["=year", "note"]
    ordering = ["programme__name", "year"]
    autocomplete_fields = ["programme"]
    service_fields = ("amount_min", "amount_max", "carries_over", "note")

    def service_rule(self, request, obj=None):
        return can_manage_budget(request.user)

    def service_update(self, request, obj, data):
        return services.budget_space_update(
            space=obj,
            by=request.user,
            amount_min=data["amount_min"],
            amount_max=data["amount_max"],
            carries_over=data["carries_over"],
            note=data["note"],
        )

    @admin.display(description=_("minimum"), ordering="amount_min")
    def minimum(self, obj: BudgetSpace) -> str:
        return format_euro(obj.amount_min)

    @admin.display(description=_("maximum"), ordering="amount_max")
    def maximum(self, obj: BudgetSpace) -> str:
        return format_euro(obj.amount_max)


@admin.register(BudgetLine)
class BudgetLineAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["team_code", "team_name", "period", "amount_display", "decision_count"]
    list_display_links = ["team_code", "team_name"]
    list_filter = ["period", "team"]
    list_select_related = ["team", "period"]
    search_fields = ["team__name", "team__short_name", "period__label", "main_activities"]
    ordering = ["period__start_year", "team__number"]
    autocomplete_fields = ["team", "period"]
    service_fields = ("amount", "main_activities")

    def service_rule(self, request, obj=None):
        return can_manage_budget(request.user)

    def service_update(self, request, obj, data):
        return services.budget_line_update(
            line=obj,
            by=request.user,
            amount=data["amount"],
            main_activities=data["main_activities"],
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(decision_count=Count("decisions"))

    @admin.display(description=_("team"), ordering="team__number")
    def team_code(self, obj: BudgetLine) -> str:
        return obj.team.code

    @admin.display(description=_("short name"), ordering="team__short_name")
    def team_name(self, obj: BudgetLine) -> str:
        return obj.team.short_name

    @admin.display(description=_("amount incl. VAT"), ordering="amount")
    def amount_display(self, obj: BudgetLine) -> str:
        return format_euro(obj.amount)

    @admin.display(description=_("decisions"), ordering="decision_count")
    def decision_count(self, obj: BudgetLine) -> int:
        return obj.decision_count


@admin.register(Decision)
class DecisionAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Decisions are recorded, not edited (``decision_record``): added here, then read."""

    list_display = ["date", "meeting", "reference", "summary", "event", "budget_line_codes"]
    list_display_links = ["date", "meeting"]
    list_filter = ["programme", "meeting"]
    list_select_related = ["event"]
    search_fields = ["reference", "meeting", "text", "event__title"]
    ordering = ["-date", "reference"]
    date_hierarchy = "date"
    autocomplete_fields = ["programme", "event"]
    filter_horizontal = ["budget_lines"]
    fields = ["programme", "date", "meeting", "text", "event", "budget_lines", "reference"]
    create_only_fields = ("programme", "date", "meeting", "text", "event", "budget_lines")

    def service_rule(self, request, obj=None):
        return can_manage_decisions(request.user)

    def service_create(self, request, data):
        return services.decision_record(
            programme=data["programme"],
            by=request.user,
            date=data["date"],
            meeting=data["meeting"],
            text=data["text"],
            event=data["event"],
            budget_lines=list(data["budget_lines"]),
        )

    def get_queryset(self, request):
        lines = BudgetLine.objects.select_related("team", "period")
        return super().get_queryset(request).prefetch_related(Prefetch("budget_lines", lines))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "budget_lines":
            # The lines' labels need their team and period.
            kwargs["queryset"] = BudgetLine.objects.select_related("team", "period")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("decision"))
    def summary(self, obj: Decision) -> str:
        return obj.text if len(obj.text) <= 80 else f"{obj.text[:79]}…"

    @admin.display(description=_("budget lines"))
    def budget_line_codes(self, obj: Decision) -> str:
        return ", ".join(str(line) for line in obj.budget_lines.all()) or "—"
