from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from citydeal.admin import ReadOnlyInline, ServiceAdminMixin
from citydeal.permissions import can_manage_reference_data
from partners.permissions import can_edit_related_programme

from . import services
from .models import Contact, Organisation, RelatedProgramme


class ContactInline(ReadOnlyInline):
    model = Contact
    fields = ["name", "email"]
    show_change_link = True


class KnowledgePartnerInline(ReadOnlyInline):
    """The related programmes where the organisation is the knowledge partner."""

    model = RelatedProgramme
    fk_name = "knowledge_partner"
    fields = ["team", "order", "name", "goal_letters", "position", "subject"]
    show_change_link = True
    verbose_name = _("related programme as knowledge partner")
    verbose_name_plural = _("related programmes as knowledge partner")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team", "knowledge_partner")


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Reference data: the functional admin keeps the organisations."""

    list_display = ["name", "website", "contact_count", "programme_count"]
    search_fields = ["name", "website"]
    ordering = ["name"]
    inlines = [ContactInline, KnowledgePartnerInline]
    # Partner sites are https; also what Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["name", "website"]
    service_fields = ("name", "website")

    def service_rule(self, request, obj=None):
        return can_manage_reference_data(request.user)

    def service_create(self, request, data):
        return services.organisation_save(
            organisation=None, by=request.user, name=data["name"], website=data["website"]
        )

    def service_update(self, request, obj, data):
        return services.organisation_save(
            organisation=obj, by=request.user, name=data["name"], website=data["website"]
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                contact_count=Count("contacts", distinct=True),
                programme_count=Count("related_programmes", distinct=True),
            )
        )

    @admin.display(description=_("contact persons"), ordering="contact_count")
    def contact_count(self, obj: Organisation) -> int:
        return obj.contact_count

    @admin.display(description=_("related programmes"), ordering="programme_count")
    def programme_count(self, obj: Organisation) -> int:
        return obj.programme_count


@admin.register(Contact)
class ContactAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Reference data: the functional admin keeps the contact persons."""

    list_display = ["name", "organisation", "email"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "email", "organisation__name"]
    ordering = ["name"]
    autocomplete_fields = ["organisation"]
    fields = ["name", "organisation", "email"]
    service_fields = ("name", "organisation", "email")

    def service_rule(self, request, obj=None):
        return can_manage_reference_data(request.user)

    def service_create(self, request, data):
        return services.contact_save(contact=None, by=request.user, **data)

    def service_update(self, request, obj, data):
        return services.contact_save(contact=obj, by=request.user, **data)


@admin.register(RelatedProgramme)
class RelatedProgrammeAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """A row of a team's table changes through ``related_programme_update`` (its team
    lead); its team and place in the table are the seed's, read-only."""

    list_display = [
        "display_name",
        "team_code",
        "order",
        "knowledge_partner",
        "goal_letters",
        "contact_names",
        "position",
    ]
    list_filter = ["team", "position", "knowledge_partner"]
    list_select_related = ["team", "knowledge_partner"]
    search_fields = [
        "name",
        "subject",
        "remark",
        "goal_letters",
        "knowledge_partner__name",
        "contacts__name",
    ]
    ordering = ["team__programme__name", "team__number", "order"]
    autocomplete_fields = ["team", "knowledge_partner", "contacts"]
    service_fields = (
        "name",
        "knowledge_partner",
        "knowledge_partner_text",
        "subject",
        "goal_letters",
        "remark",
        "position",
        "contacts",
    )

    def service_rule(self, request, obj=None):
        return can_edit_related_programme(request.user, obj) if obj is not None else None

    def service_update(self, request, obj, data):
        return services.related_programme_update(
            related_programme=obj,
            by=request.user,
            **{name: data[name] for name in self.service_fields if name != "contacts"},
            contacts=list(data["contacts"]),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("contacts")

    @admin.display(description=_("programme"), ordering="name")
    def display_name(self, obj: RelatedProgramme) -> str:
        return obj.display_name or "—"

    @admin.display(description=_("team"), ordering="team__number")
    def team_code(self, obj: RelatedProgramme) -> str:
        return obj.team.code

    @admin.display(description=_("contact persons"))
    def contact_names(self, obj: RelatedProgramme) -> str:
        return ", ".join(contact.name for contact in obj.contacts.all()) or "—"
