from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.managers import NaturalKeyManager
from citydeal.validators import LongTextField, validate_single_line


class Programme(models.Model):
    """A City Deal; a model so that a second one can live in the same portal."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    short_name = models.CharField(_("short name"), max_length=40, validators=[validate_single_line])
    description = LongTextField(_("description"), blank=True)

    objects = NaturalKeyManager("slug")

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Team(models.Model):
    """Ontwikkelteam: a development team of the programme."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="teams"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(
        _("full name"),
        max_length=200,
        help_text=_("As in the plan, e.g. 'Integrale uitvoering'."),
        validators=[validate_single_line],
    )
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        help_text=_("As in the budget tables, e.g. 'Uitvoering'."),
        validators=[validate_single_line],
    )
    goals_intro = LongTextField(
        _("goals (introduction)"),
        blank=True,
        help_text=_("The team's goals as prose, where the plan does not list them one by one."),
    )
    plan_note = LongTextField(
        _("note on the plan"), blank=True, help_text=_("Version, date or caveat of the plan.")
    )
    leads = models.ManyToManyField(
        "accounts.User",
        verbose_name=_("team leads"),
        related_name="led_teams",
        blank=True,
    )

    objects = NaturalKeyManager("programme__slug", "number")
    history = PortalHistoricalRecords(m2m_fields=["leads"])

    class Meta:
        verbose_name = _("development team")
        verbose_name_plural = _("development teams")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="team_number_unique_per_programme"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="team_number_positive"),
        ]

    def __str__(self):
        return f"OT{self.number} {self.short_name}"

    def natural_key(self):
        return (*self.programme.natural_key(), self.number)

    natural_key.dependencies = ["teams.programme"]

    @property
    def code(self) -> str:
        return f"OT{self.number}"


class Goal(models.Model):
    """Doelstelling or werkgroep of a team (A-D, or numbered as in the plan)."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    letter = models.CharField(
        _("letter"),
        max_length=3,
        blank=True,
        help_text=_("The letter or number the plan gives the goal (A-D, 1-4)."),
        validators=[validate_single_line],
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    text = LongTextField(_("text"), blank=True)

    objects = NaturalKeyManager("team__programme__slug", "team__number", "order")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["team", "order"]
        constraints = [
            models.UniqueConstraint(fields=["team", "order"], name="goal_order_unique_per_team"),
            models.UniqueConstraint(
                fields=["team", "letter"],
                condition=~Q(letter=""),
                name="goal_letter_unique_per_team",
            ),
        ]

    def __str__(self):
        prefix = f"{self.letter}. " if self.letter else ""
        return f"{self.team.code} {prefix}{self.title}"

    def natural_key(self):
        return (*self.team.natural_key(), self.order)

    natural_key.dependencies = ["teams.team"]
