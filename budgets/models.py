from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.managers import NaturalKeyManager
from citydeal.money import money_field
from citydeal.validators import LongTextField, validate_single_line


class BudgetPeriod(models.Model):
    """A budget period of the programme: '2021' or the outlook '2022-2023'."""

    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="budget_periods",
    )
    label = models.CharField(_("label"), max_length=20, validators=[validate_single_line])
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'Doorkijk 2022 - 2023'."),
        validators=[validate_single_line],
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    description = LongTextField(_("description"), blank=True)

    objects = NaturalKeyManager("programme__slug", "label")

    class Meta:
        verbose_name = _("budget period")
        verbose_name_plural = _("budget periods")
        ordering = ["programme", "start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "label"], name="budget_period_label_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="budget_period_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (*self.programme.natural_key(), self.label)

    natural_key.dependencies = ["teams.programme"]

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def years_label(self) -> str:
        """The years as people read them: "2021", "2022-2023"."""
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"


class BudgetSpace(models.Model):
    """Begrotingsruimte: what the programme can spend in a year, as a range."""

    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="budget_spaces",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_min = money_field(_("minimum (EUR)"), null=True, blank=True)
    amount_max = money_field(_("maximum (EUR)"), null=True, blank=True)
    carries_over = models.BooleanField(
        _("surplus carries over"),
        default=False,
        help_text=_("The unused part of this year carries over into the next year."),
    )
    note = LongTextField(_("note"), blank=True)

    objects = NaturalKeyManager("programme__slug", "year")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("budget space")
        verbose_name_plural = _("budget spaces")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="budget_space_year_unique"),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_min__gte=0),
                name="budget_space_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_max__gte=F("amount_min")),
                name="budget_space_min_lte_max",
            ),
        ]

    def __str__(self):
        return f"{self.programme.short_name} {self.year}"

    def natural_key(self):
        return (*self.programme.natural_key(), self.year)

    natural_key.dependencies = ["teams.programme"]


class BudgetLine(models.Model):
    """What a team may spend in a budget period, in euros including VAT."""

    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    period = models.ForeignKey(
        BudgetPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="lines"
    )
    amount = money_field(_("amount incl. VAT (EUR)"))
    main_activities = LongTextField(_("main activities"), blank=True)

    objects = NaturalKeyManager("team__programme__slug", "team__number", "period__label")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["period__start_year", "team__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "period"], name="budget_line_unique_per_period"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.team.code} {self.period.label}"

    def natural_key(self):
        return (*self.team.natural_key(), self.period.label)

    natural_key.dependencies = ["teams.team", "budgets.budgetperiod"]


class Decision(models.Model):
    """A decision of the core team, e.g. 'groen licht voor de uitgaven 2021'."""

    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    date = models.DateField(_("date"))
    reference = models.SlugField(
        _("reference"), max_length=60, help_text=_("Short code, unique on its date.")
    )
    meeting = models.CharField(_("meeting"), max_length=120, validators=[validate_single_line])
    text = LongTextField(_("decision"))
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting (event)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    budget_lines = models.ManyToManyField(
        BudgetLine, verbose_name=_("budget lines"), related_name="decisions", blank=True
    )

    # The portal's readings of the plan about this row (citydeal.readings): deleted with it.
    plan_readings = GenericRelation("citydeal.Reading")
    objects = NaturalKeyManager("programme__slug", "date", "reference")
    history = PortalHistoricalRecords(m2m_fields=["budget_lines"])

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "date", "reference"], name="decision_reference_unique"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.meeting}"

    def natural_key(self):
        return (*self.programme.natural_key(), self.date.isoformat(), self.reference)

    natural_key.dependencies = ["teams.programme", "events.event", "budgets.budgetline"]
