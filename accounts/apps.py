from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import deletion, signals  # noqa: F401 (connect their receivers)
        from accounts.role_permissions import ensure_on_migrate

        # Every app's post_migrate: the permissions of the apps after accounts are made
        # by auth in their own post_migrate, so the group is completed as they come.
        post_migrate.connect(ensure_on_migrate, dispatch_uid="accounts.functional_admin_group")
