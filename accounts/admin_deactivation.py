"""The user admin's side of "users are not deleted": a deactivate action, and deletion
refused with the reason for users whom the history names (accounts.deletion); and the
text check of names."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from accounts.deletion import (
    deletion_refused_reason,
    user_history,
    users_deactivate,
    users_with_history,
)
from citydeal.validators import validate_single_line


@admin.action(description=gettext_lazy("Deactivate the selected users (they can no longer log in)"))
def deactivate_users(modeladmin, request, queryset):
    deactivated = users_deactivate(user_ids=list(queryset.values_list("pk", flat=True)))
    for user in deactivated:
        modeladmin.log_change(request, user, [{"changed": {"fields": ["is_active"]}}])
    modeladmin.message_user(
        request,
        ngettext("%(count)d user deactivated.", "%(count)d users deactivated.", len(deactivated))
        % {"count": len(deactivated)},
        messages.SUCCESS,
    )


def delete_selected_without_history(modeladmin, request, queryset):
    """Django's "delete selected", refused with the reason when the history names one."""
    kept = queryset.filter(pk__in=users_with_history(queryset.values_list("pk", flat=True)))
    if kept:
        for user in kept:
            modeladmin.message_user(
                request, deletion_refused_reason(user, user_history(user)), messages.ERROR
            )
        return None
    return delete_selected(modeladmin, request, queryset)


class DeactivateNotDeleteMixin:
    """For the user admin: deactivate instead of delete where the history names the user."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions[name] = (delete_selected_without_history, name, description)
        if self.has_change_permission(request):
            actions["deactivate_users"] = self.get_action(deactivate_users)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, unquote(object_id))
        if user is not None:
            history = user_history(user)
            if history:
                self.message_user(request, deletion_refused_reason(user, history), messages.ERROR)
                opts = self.opts
                return redirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[user.pk])
                )
        return super().delete_view(request, object_id, extra_context)


class PlainTextNamesMixin:
    """For the user admin: first and last names are one line without control or invisible
    characters (citydeal.validators), as every other name in the portal."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in ("first_name", "last_name"):
            field.validators.append(validate_single_line)
        return field
