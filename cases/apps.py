from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from accounts.signals import connect_role_link
        from cases.models import Case
        from citydeal.roles import Role

        connect_role_link(Case.owners, Role.CASE_OWNER, reverse_attr="owned_cases")
