"""Workshops in the admin: to look up, never to change.

Publishing, booking and every step of a booking go through ``workshops.services`` (the
pages and the API) with their rules, locks, trail and mail; the admin only shows them.
The calendar feeds' tokens are not shown at all.
"""

from django.contrib import admin

from citydeal.trail import ReadOnlyTrailAdmin, ReadOnlyTrailInline

from .models import Booking, BookingTransition, HelpRequest, WorkshopSlot


class BookingTransitionInline(ReadOnlyTrailInline):
    model = BookingTransition
    fields = ["at", "by", "from_state", "to_state", "note"]
    readonly_fields = fields


@admin.register(WorkshopSlot)
class WorkshopSlotAdmin(ReadOnlyTrailAdmin):
    list_display = ["title", "team", "topic", "start", "capacity", "state"]
    list_filter = ["state", "team"]
    list_select_related = ["team"]
    search_fields = ["title", "topic", "description"]
    date_hierarchy = "start"
    ordering = ["-start", "-pk"]


@admin.register(Booking)
class BookingAdmin(ReadOnlyTrailAdmin):
    list_display = ["slot", "case", "state", "requested_by", "created"]
    list_filter = ["state", "slot__team"]
    list_select_related = ["slot", "case", "requested_by"]
    search_fields = ["slot__title", "case__title", "questions"]
    date_hierarchy = "created"
    ordering = ["-created", "-pk"]
    inlines = [BookingTransitionInline]


@admin.register(HelpRequest)
class HelpRequestAdmin(ReadOnlyTrailAdmin):
    list_display = ["case", "team", "state", "created_by", "created"]
    list_filter = ["state", "team"]
    list_select_related = ["case", "team", "created_by"]
    search_fields = ["question", "case__title"]
    ordering = ["-created", "-pk"]
