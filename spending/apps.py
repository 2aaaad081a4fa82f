from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpendingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "spending"
    verbose_name = _("Spending")

    def ready(self):
        from budgets.limits import register_limit_checker
        from spending.limits import CommittedSpendingChecker

        register_limit_checker(CommittedSpendingChecker())
