from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from citydeal.trail import ReadOnlyTrailAdmin

from .admin_deactivation import DeactivateNotDeleteMixin, PlainTextNamesMixin
from .models import Role, RoleChange, User

ROLE_LABELS = dict(Role.choices)


def _links(objects, url_name: str):
    """A comma-separated list of links to the objects' admin change pages."""
    return (
        format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse(url_name, args=[obj.pk]), str(obj)) for obj in objects),
        )
        or "—"
    )


@admin.register(User)
class UserAdmin(DeactivateNotDeleteMixin, PlainTextNamesMixin, DjangoUserAdmin):
    """Users with their roles (groups); teams and cases are linked from Team and Case."""

    list_display = [
        "username",
        "display_name",
        "email",
        "roles",
        "teams",
        "cases",
        "is_active",
        "is_staff",
        "is_superuser",
    ]
    list_filter = ["groups", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    readonly_fields = ["led_teams_links", "owned_cases_links", "last_login", "date_joined"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (
            _("Teams and cases"),
            {
                "fields": ["led_teams_links", "owned_cases_links"],
                "description": _(
                    "Team leads are set on the development team, case owners on the case."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups", "led_teams", "owned_cases")

    @admin.display(description=_("name"), ordering="last_name")
    def display_name(self, obj: User) -> str:
        return obj.display_name

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return (
            ", ".join(str(ROLE_LABELS.get(group.name, group.name)) for group in obj.groups.all())
            or "—"
        )

    @admin.display(description=_("teams"))
    def teams(self, obj: User) -> str:
        return ", ".join(team.code for team in obj.led_teams.all()) or "—"

    @admin.display(description=_("cases"))
    def cases(self, obj: User) -> str:
        return ", ".join(case.title for case in obj.owned_cases.all()) or "—"

    @admin.display(description=_("leads the teams"))
    def led_teams_links(self, obj: User):
        return _links(obj.led_teams.all(), "admin:teams_team_change") if obj.pk else "—"

    @admin.display(description=_("owns the cases"))
    def owned_cases_links(self, obj: User):
        return _links(obj.owned_cases.all(), "admin:cases_case_change") if obj.pk else "—"


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyTrailAdmin):
    list_display = ["at", "user", "action", "role", "subject", "by"]
    list_filter = ["action", "role"]
    search_fields = ["user__username", "subject", "by__username"]
    list_select_related = ["user", "by"]
    date_hierarchy = "at"
