from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from knox import admin as knox_admin  # noqa: F401  (registers AuthToken first)
from knox.models import AuthToken

from citydeal.trail import ReadOnlyTrailAdmin
from citydeal.verdicts import is_functional_admin

from . import selectors, services
from .admin_deactivation import DeactivateNotDeleteMixin, PlainTextNamesMixin
from .models import Role, RoleChange, User

# knox lists every token with its digest and makes new ones in the admin: the functional
# admin could act as any user. Tokens are seen here only as a count per user, and ended
# with the action "Revoke all API tokens".
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)

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
        "api_tokens",
    ]
    actions = ["revoke_api_tokens"]
    list_filter = ["groups", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    readonly_fields = [
        "led_teams_links",
        "owned_cases_links",
        "api_tokens_summary",
        "last_login",
        "date_joined",
    ]
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
        (
            _("API tokens"),
            {
                "fields": ["api_tokens_summary"],
                "description": _(
                    "Tokens are shown only once, to their owner. Revoke them with the action "
                    "on the list of users; a new password revokes them too."
                ),
            },
        ),
    ]

    # Only a superuser hands out superuser status or single permissions; the functional
    # admin gives roles (groups), which carry the permissions a role should have.
    superuser_only_fields = ["is_superuser", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += self.superuser_only_fields
        return fields

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its password above all) is a superuser's to change.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_queryset(self, request):
        users = super().get_queryset(request).prefetch_related("groups", "led_teams", "owned_cases")
        return selectors.users_with_api_token_count(users)

    def has_revoke_api_tokens_permission(self, request) -> bool:
        return bool(is_functional_admin(request.user))

    @admin.action(description=_("Revoke all API tokens"), permissions=["revoke_api_tokens"])
    def revoke_api_tokens(self, request, queryset):
        revoked = 0
        try:
            for user in queryset:
                revoked += services.api_tokens_revoke_all(user=user, by=request.user)
        except PermissionDenied as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(count)d API token revoked.", "%(count)d API tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )

    @admin.display(description=_("API tokens"), ordering="api_token_count")
    def api_tokens(self, obj: User) -> int:
        return obj.api_token_count

    @admin.display(description=_("active API tokens"))
    def api_tokens_summary(self, obj: User) -> str:
        if not obj.pk:
            return "—"
        tokens = list(selectors.api_tokens_active(obj))
        if not tokens:
            return _("None")
        expiries = [token.expiry for token in tokens if token.expiry is not None]
        if not expiries:
            return str(len(tokens))
        return _("%(count)d, the last one expires on %(date)s") % {
            "count": len(tokens),
            "date": formats.date_format(timezone.localtime(max(expiries)), "DATETIME_FORMAT"),
        }

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


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """Django's, with the group's permissions loaded with their content types: the
    functional admin reads a role group without changing it, and the read-only list
    names each permission by its app and model."""

    def get_queryset(self, request):
        permissions = Permission.objects.select_related("content_type")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("permissions", queryset=permissions))
        )


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyTrailAdmin):
    list_display = ["at", "user", "action", "role", "subject", "by"]
    list_filter = ["action", "role"]
    search_fields = ["user__username", "subject", "by__username"]
    list_select_related = ["user", "by"]
    date_hierarchy = "at"
