from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from activities.models import Activity
from citydeal.admin import ReadOnlyAdminMixin, ReadOnlyInline, ServiceAdminMixin
from citydeal.permissions import can_assign_roles
from partners.models import RelatedProgramme
from teams.permissions import can_edit_goal

from . import services
from .models import Goal, Programme, Team


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The programme comes with the seed and has no service: read-only."""

    list_display = ["name", "short_name", "slug", "team_count"]
    search_fields = ["name", "short_name", "slug"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(team_count=Count("teams"))

    @admin.display(description=_("teams"), ordering="team_count")
    def team_count(self, obj: Programme) -> int:
        return obj.team_count


class GoalInline(ReadOnlyInline):
    model = Goal
    fields = ["order", "letter", "title", "text"]
    show_change_link = True

    def get_queryset(self, request):
        # Each row is shown with its name, which names the team.
        return super().get_queryset(request).select_related("team")


class ActivityInline(ReadOnlyInline):
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
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team", "goal__team")


class RelatedProgrammeInline(ReadOnlyInline):
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
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("team", "knowledge_partner")
            .prefetch_related("contacts")
        )


@admin.register(Team)
class TeamAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """A team's structure comes with the seed and has no service: read-only. Its team
    leads are a role, set by the functional admin through ``team_leads_set``. Goals,
    activities and related programmes change on their own pages."""

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
    service_fields = ("leads",)

    def service_rule(self, request, obj=None):
        return can_assign_roles(request.user)

    def service_update(self, request, obj, data):
        return services.team_leads_set(team=obj, by=request.user, leads=list(data["leads"]))

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
class GoalAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """A goal's letter, title and text change through ``goal_update`` (its team lead)."""

    list_display = ["team_code", "letter", "title", "order"]
    list_display_links = ["letter", "title"]
    list_filter = ["team"]
    list_select_related = ["team"]
    search_fields = ["letter", "title", "text", "team__name", "team__short_name"]
    ordering = ["team__programme__name", "team__number", "order"]
    autocomplete_fields = ["team"]
    service_fields = ("letter", "title", "text")

    def service_rule(self, request, obj=None):
        return can_edit_goal(request.user, obj) if obj is not None else None

    def service_update(self, request, obj, data):
        return services.goal_update(goal=obj, by=request.user, **data)

    @admin.display(description=_("team"), ordering="team__number")
    def team_code(self, obj: Goal) -> str:
        return obj.team.code
