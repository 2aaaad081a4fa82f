"""Append-only records: workflow trails and audit rows can be added, never changed.

The model refuses updates and deletes, its queryset refuses bulk updates and
deletes, and ``ReadOnlyTrailAdmin`` shows the rows without any way to edit them.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrailImmutableError(Exception):
    """Raised when code tries to change or delete a trail record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TrailImmutableError(_("Trail records cannot be changed."))

    def delete(self):
        raise TrailImmutableError(_("Trail records cannot be deleted."))


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TrailImmutableError(_("Trail records cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TrailImmutableError(_("Trail records cannot be deleted."))


class ReadOnlyTrailAdmin(admin.ModelAdmin):
    """Shows trail rows; nobody, not even a superuser, adds, edits or deletes them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


class ReadOnlyTrailInline(admin.TabularInline):
    """A record's trail rows inline on its admin page, read-only, with who took each step."""

    extra = 0
    can_delete = False
    ordering = ["at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")
