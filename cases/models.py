from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.managers import NaturalKeyManager
from citydeal.money import money_field
from citydeal.validators import LongTextField, validate_single_line


class Municipality(models.Model):
    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_single_line]
    )

    objects = NaturalKeyManager("name")

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class Case(models.Model):
    """Casus: a city's case the teams work on (e.g. Componistenbuurt Dordrecht)."""

    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    slug = models.SlugField(_("code"), max_length=80)
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        help_text=_("Empty when the case spans several municipalities."),
    )
    other_municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("other municipalities"),
        related_name="shared_cases",
        blank=True,
    )
    description = LongTextField(_("description / questions"), blank=True)
    lead_team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team whose table lists it"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listed_cases",
    )
    table_number = models.PositiveSmallIntegerField(
        _("number in the team's table"), null=True, blank=True
    )
    teams = models.ManyToManyField(
        "teams.Team", verbose_name=_("teams involved"), related_name="cases", blank=True
    )
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, validators=[validate_single_line]
    )
    owners = models.ManyToManyField(
        "accounts.User", verbose_name=_("case owners"), related_name="owned_cases", blank=True
    )

    # The portal's readings of the plan about this row (citydeal.readings): deleted with it.
    plan_readings = GenericRelation("citydeal.Reading")
    objects = NaturalKeyManager("programme__slug", "slug")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["lead_team__number", "table_number", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="case_slug_unique"),
            models.UniqueConstraint(
                fields=["lead_team", "table_number"],
                condition=Q(table_number__isnull=False),
                name="case_table_number_unique_per_team",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.programme.natural_key(), self.slug)

    natural_key.dependencies = ["teams.programme", "teams.team", "cases.municipality"]


class CaseCost(models.Model):
    """What a case asks of the programme's budget in one year (the OT5 table)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="costs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = money_field(_("cost for the programme (EUR)"))

    objects = NaturalKeyManager("case__programme__slug", "case__slug", "year")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("case cost")
        verbose_name_plural = _("case costs")
        ordering = ["case", "year"]
        constraints = [
            models.UniqueConstraint(fields=["case", "year"], name="case_cost_unique_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="case_cost_not_negative"),
        ]

    def __str__(self):
        return f"{self.case} {self.year}"

    def natural_key(self):
        return (*self.case.natural_key(), self.year)

    natural_key.dependencies = ["cases.case"]
