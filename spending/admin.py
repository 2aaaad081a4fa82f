"""Spending in the admin: to look up, never to change.

Every change of a request is a step of its life cycle with a rule, a budget check and a
trail row, so it goes through ``spending.services`` (the pages and the API), not the
admin. The trail can be read here and nowhere changed.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from citydeal.formatting import format_euro
from citydeal.trail import ReadOnlyTrailAdmin, ReadOnlyTrailInline

from .models import SpendingChange, SpendingRequest, SpendingTransition


class SpendingTransitionInline(ReadOnlyTrailInline):
    model = SpendingTransition
    fields = ["at", "by", "from_state", "to_state", "amount", "note"]
    readonly_fields = fields


class SpendingChangeInline(ReadOnlyTrailInline):
    model = SpendingChange
    fields = ["at", "by", "field", "old_value", "new_value"]
    readonly_fields = fields


@admin.register(SpendingRequest)
class SpendingRequestAdmin(ReadOnlyTrailAdmin):
    list_display = [
        "title",
        "budget_line",
        "year",
        "state",
        "amount_display",
        "actual_amount_display",
        "created_by",
        "submitted_at",
    ]
    list_filter = ["state", "budget_line__period", "budget_line__team"]
    list_select_related = ["budget_line__team", "budget_line__period", "created_by"]
    search_fields = ["title", "description", "budget_line__team__short_name"]
    date_hierarchy = "created"
    ordering = ["-created", "-pk"]
    inlines = [SpendingTransitionInline, SpendingChangeInline]
    fields = [
        "budget_line",
        "activity",
        "year",
        "title",
        "description",
        "amount",
        "state",
        "created_by",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "actual_amount",
        "realised_on",
        "decision",
        "created",
        "updated",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "budget_line__team",
                "budget_line__period",
                "activity__team",
                "created_by",
                "submitted_by",
                "decided_by",
                "decision",
            )
        )

    @admin.display(description=_("amount incl. VAT"), ordering="amount")
    def amount_display(self, obj: SpendingRequest) -> str:
        return format_euro(obj.amount, decimals=True)

    @admin.display(description=_("actual amount"), ordering="actual_amount")
    def actual_amount_display(self, obj: SpendingRequest) -> str:
        return format_euro(obj.actual_amount, decimals=True)


@admin.register(SpendingTransition)
class SpendingTransitionAdmin(ReadOnlyTrailAdmin):
    list_display = ["at", "request", "by", "from_state", "to_state", "note"]
    list_filter = ["to_state", "from_state"]
    list_select_related = ["request", "by"]
    search_fields = ["request__title", "note", "by__username"]
    date_hierarchy = "at"
    ordering = ["-at", "-pk"]
    fields = ["request", "at", "by", "from_state", "to_state", "amount", "note"]
    readonly_fields = fields


@admin.register(SpendingChange)
class SpendingChangeAdmin(ReadOnlyTrailAdmin):
    list_display = ["at", "request", "by", "field", "old_value", "new_value"]
    list_filter = ["field"]
    list_select_related = ["request", "by"]
    search_fields = ["request__title", "by__username"]
    date_hierarchy = "at"
    ordering = ["-at", "-pk"]
    fields = ["request", "at", "by", "field", "old_value", "new_value"]
    readonly_fields = fields
