"""Site-wide settings of the Django admin: the functional admin's workplace."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from citydeal.models import Reading
from citydeal.permissions import can_edit_reading
from citydeal.services import reading_update

admin.site.site_header = _("CDOR portal administration")
admin.site.site_title = _("CDOR portal administration")
admin.site.index_title = _("Users, roles and reference data")
# The same mark as format_euro uses for an unknown amount.
admin.site.empty_value_display = "—"


# -- the admin is no second way in -------------------------------------------------------


class ServiceAdminMixin:
    """A ModelAdmin whose writes go through the model's service, like the pages and the API.

    The policy: the admin changes a domain model only through the service function that
    the pages and the API call, with the service's rule (``by=request.user``), its checks,
    its locks and its history record. A model without such a service, or without a real
    need to change it by hand, is read-only in the admin.

    How: ``service_create`` / ``service_update`` call the service with the form's cleaned
    data. They run while the form validates, inside the transaction the admin opens for
    the whole page, so whatever the service refuses (ValidationError, among them the
    budget's LimitBelowCommitted, or PermissionDenied) reaches the form as its errors
    with the service's message, and nothing is written. The admin's own saving is then a
    no-op: the service saved, links included. Only the fields the service takes are
    editable (``service_fields``, plus ``create_only_fields`` when adding); the rest is
    shown read-only. Deleting stays closed: no domain model is deleted by hand.

    The rule of the service also decides whether the admin offers the add and change
    pages (``service_rule``), next to the Django permission of the user's role: a
    functional admin who is not in the core team sees a budget line, but cannot change it.
    """

    service_fields: tuple[str, ...] = ()
    create_only_fields: tuple[str, ...] = ()

    # -- to fill in per model --

    def service_create(self, request, data: dict):
        """Create the object through its service; None: the admin adds no such rows."""
        return None

    def service_update(self, request, obj, data: dict):
        """Change ``obj`` through its service and return it."""
        raise NotImplementedError

    def service_rule(self, request, obj=None):
        """The service's rule for ``request.user`` (and ``obj`` when known), as a Verdict;
        None when the rule needs more than the admin knows before the form is sent."""
        return None

    def can_create(self) -> bool:
        return type(self).service_create is not ServiceAdminMixin.service_create

    # -- permissions --

    def _rule_allows(self, request, obj=None) -> bool:
        verdict = self.service_rule(request, obj)
        return verdict is None or bool(verdict)

    def has_add_permission(self, request, *args):
        return (
            self.can_create()
            and super().has_add_permission(request, *args)
            and self._rule_allows(request)
        )

    def has_change_permission(self, request, obj=None):
        return (
            bool(self.service_fields)
            and super().has_change_permission(request, obj)
            and self._rule_allows(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        editable = set(self.service_fields)
        if obj is None:
            editable |= set(self.create_only_fields)
        form_fields = (
            flatten_fieldsets(self.fieldsets) if self.fieldsets else self._model_field_names()
        )
        return [name for name in form_fields if name not in editable] + [
            name for name in super().get_readonly_fields(request, obj) if name not in form_fields
        ]

    def _model_field_names(self) -> list[str]:
        opts = self.model._meta
        return [
            field.name
            for field in [*opts.fields, *opts.many_to_many]
            if field.editable and not field.auto_created
        ]

    def get_fields(self, request, obj=None):
        if self.fields or self.fieldsets:
            return super().get_fields(request, obj)
        return self._model_field_names()

    # -- the write --

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if self._errors:
                    return
                model_admin._write(request, self, obj)

        return ServiceForm

    def _write(self, request, form, obj) -> None:
        try:
            with transaction.atomic():
                if obj is None:
                    form.service_result = self.service_create(request, form.cleaned_data)
                else:
                    # The form has set its values on ``obj`` already: the service gets
                    # the row as it is, to compare with and to check against.
                    current = self.model._default_manager.get(pk=obj.pk)
                    form.service_result = self.service_update(request, current, form.cleaned_data)
        except ValidationError as refused:
            if hasattr(refused, "error_dict"):
                for name, errors in refused.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, refused)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))

    def save_form(self, request, form, change):
        return form.service_result

    def save_model(self, request, obj, form, change):
        """Saved already, by the service, while the form was checked."""

    def save_related(self, request, form, formsets, change):
        """The service set the links; the inlines are read-only, nothing of theirs is saved."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        raise PermissionDenied

    def delete_queryset(self, request, queryset):
        raise PermissionDenied


class ReadOnlyAdminMixin:
    """A model that has no service and no need to be changed by hand: read in the admin."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Rows shown on their parent's page; changed on their own page, through the service."""

    extra = 0
    can_delete = False


# -- the portal's readings of the plan ------------------------------------------------------


@admin.register(Reading)
class ReadingAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """The readings come with the plan's data; the functional admin may reword what the
    portal made of the plan's words, through ``reading_update``. The plan's words and what
    a reading is attached to stay as they are."""

    list_display = ("content_type", "object_id", "field", "plan_words")
    list_filter = ("content_type",)
    search_fields = ("plan_words", "reading")
    fields = ("content_type", "object_id", "subject", "field", "plan_words", "reading")
    service_fields = ("reading",)

    def get_readonly_fields(self, request, obj=None):
        return ["content_type", "object_id", "subject", "field", "plan_words"] + (
            [] if self.has_change_permission(request, obj) else ["reading"]
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type")

    def service_rule(self, request, obj=None):
        return can_edit_reading(request.user, obj)

    def service_update(self, request, obj, data: dict):
        return reading_update(reading_id=obj.pk, by=request.user, reading=data["reading"])
