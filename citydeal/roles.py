"""The roles of the brief. Each is a Django group of the same name.

The kernel's role predicates (``citydeal.verdicts``) need the names; the user model
(``accounts``) stores them. Both import them from here, so the kernel never imports
``accounts``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CORE_TEAM = "kernteam", _("Core team member")
    TEAM_LEAD = "teamtrekker", _("Team lead")
    CASE_OWNER = "casuseigenaar", _("Case owner")
    DIRECTOR = "directeur", _("Director")
    FUNCTIONAL_ADMIN = "beheerder", _("Functional admin")
