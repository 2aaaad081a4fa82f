from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "teams"
    verbose_name = _("Teams")

    def ready(self):
        from accounts.signals import connect_role_link
        from citydeal.programme import register_programme_lookup
        from citydeal.roles import Role
        from teams.models import Team
        from teams.selectors import programme_current

        register_programme_lookup(programme_current)
        connect_role_link(Team.leads, Role.TEAM_LEAD, reverse_attr="led_teams")
