from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from activities.permissions import can_edit_activity
from citydeal.admin import ServiceAdminMixin
from citydeal.formatting import format_euro
from teams.models import Goal

from . import services
from .models import Activity

# The fields of ActivityInput, the row of the planning table the team lead fills in.
_INPUT_FIELDS = tuple(
    name for name in services.ActivityInput.__dataclass_fields__ if name != "cases"
)


class EstimateFilter(admin.SimpleListFilter):
    """Open points for the directors: estimates the plan leaves open or marks with '?'."""

    title = _("estimate")
    parameter_name = "estimate"

    def lookups(self, request, model_admin):
        return [
            ("known", _("Known")),
            ("unknown", _("Unknown (ntb, -)")),
            ("doubtful", _("In doubt (?)")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "known":
                return queryset.filter(estimate_min__isnull=False)
            case "unknown":
                return queryset.filter(estimate_min__isnull=True)
            case "doubtful":
                return queryset.filter(estimate_doubtful=True)
        return queryset


def estimate_range(activity: Activity) -> str:
    """The derived range, e.g. "€ 50.000 – € 60.000 ?"; "—" when unknown."""
    low, high = activity.estimate_min, activity.estimate_max
    if low is None and high is None:
        text = format_euro(None)
    elif low is None or high is None or low == high:
        text = format_euro(low if low is not None else high)
    else:
        text = f"{format_euro(low)} – {format_euro(high)}"
    return f"{text} ?" if activity.estimate_doubtful else text


@admin.register(Activity)
class ActivityAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Activities are added and changed through ``activity_create`` and
    ``activity_update`` (the team's lead); the service numbers a new one."""

    list_display = [
        "team_code",
        "order",
        "title",
        "goal_letter",
        "planning_label",
        "planning_kind",
        "estimate_text",
        "estimate",
        "status",
    ]
    list_display_links = ["title"]
    list_filter = ["team", "planning_kind", "status", EstimateFilter]
    list_select_related = ["team", "goal"]
    search_fields = [
        "title",
        "explanation",
        "result",
        "responsible",
        "planning_label",
        "estimate_text",
        "note",
        "team__name",
        "team__short_name",
    ]
    ordering = ["team__programme__name", "team__number", "order"]
    autocomplete_fields = ["team", "goal"]
    filter_horizontal = ["cases"]
    fieldsets = [
        (
            None,
            {"fields": ["team", "goal", "order", "title", "explanation", "result", "responsible"]},
        ),
        (
            _("Planning"),
            {"fields": ["planning_label", "planning_kind", "start_month", "end_month"]},
        ),
        (
            _("Estimate"),
            {"fields": ["estimate_text", "estimate_min", "estimate_max", "estimate_doubtful"]},
        ),
        (None, {"fields": ["status", "cases", "note"]}),
    ]

    service_fields = (*_INPUT_FIELDS, "cases")
    create_only_fields = ("team",)

    def service_rule(self, request, obj=None):
        return can_edit_activity(request.user, obj) if obj is not None else None

    def _input(self, data) -> services.ActivityInput:
        return services.ActivityInput(
            **{name: data[name] for name in _INPUT_FIELDS}, cases=list(data["cases"])
        )

    def service_create(self, request, data):
        return services.activity_create(team=data["team"], by=request.user, data=self._input(data))

    def service_update(self, request, obj, data):
        return services.activity_update(activity=obj, by=request.user, data=self._input(data))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "goal":
            kwargs["queryset"] = Goal.objects.select_related("team")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("team"), ordering="team__number")
    def team_code(self, obj: Activity) -> str:
        return obj.team.code

    @admin.display(description=_("goal"), ordering="goal__order")
    def goal_letter(self, obj: Activity) -> str:
        if obj.goal is None:
            return "—"
        return obj.goal.letter or obj.goal.title

    @admin.display(description=_("estimate range"), ordering="estimate_min")
    def estimate(self, obj: Activity) -> str:
        return estimate_range(obj)
