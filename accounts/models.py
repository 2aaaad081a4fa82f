from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of the brief; each is a Django group of the same name."""

    CORE_TEAM = "kernteam", _("Core team member")
    TEAM_LEAD = "teamtrekker", _("Team lead")
    CASE_OWNER = "casuseigenaar", _("Case owner")
    DIRECTOR = "directeur", _("Director")
    FUNCTIONAL_ADMIN = "beheerder", _("Functional admin")


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
