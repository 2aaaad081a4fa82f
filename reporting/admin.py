"""Snapshots in the admin: to look up, never to add, change or delete. A snapshot is
taken by ``reporting.services.snapshot_create`` (the pages and the API) and never
changes afterwards."""

from django.contrib import admin

from citydeal.trail import ReadOnlyTrailAdmin

from .models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyTrailAdmin):
    list_display = ["title", "programme", "taken_at", "taken_by", "version"]
    list_filter = ["programme"]
    list_select_related = ["programme", "taken_by"]
    search_fields = ["title"]
    date_hierarchy = "taken_at"
    ordering = ["-taken_at", "-pk"]
    fields = ["programme", "title", "taken_at", "taken_by", "version", "data"]
    readonly_fields = fields

    def get_queryset(self, request):
        # The list shows no data: read it only on the page of one snapshot.
        return super().get_queryset(request).select_related("programme", "taken_by").defer("data")
