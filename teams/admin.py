from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from activities.models import Activity
from partners.models import RelatedProgramme

from .models import Goal, Programme, Team


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "team_count"]
    search_fields = ["name", "short_name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["short_name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(team_count=Count("teams"))

    @admin.display(description=_("teams"), ordering="team_count")
    def team_count(self, obj: Programme) -> int:
        return obj.team_count


class GoalInline(admin.TabularInline):
    model = Goal
    fields = ["order", "letter", "title", "text"]
    extra = 0
    show_change_link = True


class ActivityInline(admin.TabularInline):
    """The team's planning table; the full activity (texts, estimate range) on its own page."""

    model = Activity
    fields = [
        "order",
        "goal",
        "title",
        "planning_label",
        "planning_kind",
        "estimate_text",
        "status",
    ]
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        self._team = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "goal":
            # Only the team's own goals, with the team joined for their labels.
            team = getattr(self, "_team", None)
            goals = Goal.objects.select_related("team")
            kwargs["queryset"] = goals.filter(team=team) if team else goals.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RelatedProgrammeInline(admin.TabularInline):
    model = RelatedProgramme
    fk_name = "team"
    fields = [
        "order",
        "name",
        "knowledge_partner",
        "goal_letters",
        "contacts",
        "position",
        "subject",
    ]
    autocomplete_fields = ["knowledge_partner", "contacts"]
    extra = 0
    show_change_link = True


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "short_name",
        "programme",
        "team_leads",
        "goal_count",
        "activity_count",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["=number", "name", "short_name"]
    ordering = ["programme__name", "number"]
    autocomplete_fields = ["programme"]
    filter_horizontal = ["leads"]
    inlines = [GoalInline, ActivityInline, RelatedProgrammeInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                goal_count=Count("goals", distinct=True),
                activity_count=Count("activities", distinct=True),
            )
            .prefetch_related("leads")
        )

    @admin.display(description=_("team"), ordering="number")
    def code(self, obj: Team) -> str:
        return obj.code

    @admin.display(description=_("team leads"))
    def team_leads(self, obj: Team) -> str:
        return ", ".join(user.display_name for user in obj.leads.all()) or "—"

    @admin.display(description=_("goals"), ordering="goal_count")
    def goal_count(self, obj: Team) -> int:
        return obj.goal_count

    @admin.display(description=_("activities"), ordering="activity_count")
    def activity_count(self, obj: Team) -> int:
        return obj.activity_count


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["team_code", "letter", "title", "order"]
    list_display_links = ["letter", "title"]
    list_filter = ["team"]
    list_select_related = ["team"]
    search_fields = ["letter", "title", "text", "team__name", "team__short_name"]
    ordering = ["team__programme__name", "team__number", "order"]
    autocomplete_fields = ["team"]

    @admin.display(description=_("team"), ordering="team__number")
    def team_code(self, obj: Goal) -> str:
        return obj.team.code
