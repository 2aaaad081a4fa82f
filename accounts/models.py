from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydeal.roles import Role
from citydeal.trail import AppendOnlyModel


class User(AbstractUser):
    """A portal user. Roles are groups; team and case links live on Team and Case."""

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def has_role(self, role: Role) -> bool:
        if not self.is_authenticated or not self.is_active:
            return False
        names = getattr(self, "_role_names", None)
        if names is None:
            names = set(self.groups.values_list("name", flat=True))
            self._role_names = names
        return role.value in names

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RoleChangeAction(models.TextChoices):
    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")


class RoleChange(AppendOnlyModel):
    """One line of the trail of role assignments: a role, team lead link or case owner link
    given or taken away, by whom and when. Written by signals, never changed."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_changes_made",
        help_text=_("Empty when the change was made outside the portal (e.g. seed_demo)."),
    )
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="role_changes"
    )
    action = models.CharField(_("action"), max_length=10, choices=RoleChangeAction)
    role = models.CharField(_("role"), max_length=20, choices=Role)
    subject = models.CharField(
        _("team or case"),
        max_length=250,
        blank=True,
        help_text=_("For team leads and case owners."),
    )

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.role}"
