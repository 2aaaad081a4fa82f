from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Contact, Organisation, RelatedProgramme


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ["name", "email"]
    extra = 0
    show_change_link = True


class KnowledgePartnerInline(admin.TabularInline):
    """The related programmes where the organisation is the knowledge partner."""

    model = RelatedProgramme
    fk_name = "knowledge_partner"
    fields = ["team", "order", "name", "goal_letters", "position", "subject"]
    autocomplete_fields = ["team"]
    extra = 0
    show_change_link = True
    verbose_name = _("related programme as knowledge partner")
    verbose_name_plural = _("related programmes as knowledge partner")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "website", "contact_count", "programme_count"]
    search_fields = ["name", "website"]
    ordering = ["name"]
    inlines = [ContactInline, KnowledgePartnerInline]
    # Partner sites are https; also what Django 6 will assume.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "email"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "email", "organisation__name"]
    ordering = ["name"]
    autocomplete_fields = ["organisation"]


@admin.register(RelatedProgramme)
class RelatedProgrammeAdmin(SimpleHistoryAdmin):
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
