from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.managers import NaturalKeyManager
from citydeal.money import money_field
from citydeal.validators import LongTextField, validate_single_line


class PlanningKind(models.TextChoices):
    """How precise the planning label of the plan is; never more precise than the plan."""

    PERIOD = "period", _("Period")
    ONGOING = "ongoing", _("Ongoing")
    FROM = "from", _("From a date on")
    TBD = "tbd", _("To be decided")


class ActivityStatus(models.TextChoices):
    POSSIBLE = "possible", _("Possible follow-up")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# The planning and the estimate of an activity: the plan's words and what they are read as,
# in the order every form, API and spreadsheet shows them.
PLANNING_FIELDS = (
    "planning_label",
    "planning_kind",
    "start_month",
    "end_month",
    "estimate_text",
    "estimate_min",
    "estimate_max",
    "estimate_doubtful",
)


class Activity(models.Model):
    """An activity of a team's planning table.

    The planning and the estimate keep the plan's own words next to what can be
    derived from them: a start and end month where the plan names them, a kind
    (period, ongoing, from a date on, to be decided), and an estimate range with a
    flag for doubt ("40-50k?"). Unknown stays unknown (NULL), never zero.
    """

    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="activities"
    )
    goal = models.ForeignKey(
        "teams.Goal",
        verbose_name=_("goal / work group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    explanation = LongTextField(_("explanation"), blank=True)
    result = LongTextField(_("result"), blank=True)
    responsible = models.CharField(
        _("responsible"), max_length=250, blank=True, validators=[validate_single_line]
    )

    planning_label = models.CharField(
        _("planning (as in the plan)"),
        max_length=80,
        blank=True,
        help_text=_("The plan's own words, e.g. \"najaar '21 - zomer '22\"."),
        validators=[validate_single_line],
    )
    planning_kind = models.CharField(
        _("kind of planning"), max_length=10, choices=PlanningKind, default=PlanningKind.TBD
    )
    start_month = models.DateField(
        _("start month"), null=True, blank=True, help_text=_("First day of the month.")
    )
    end_month = models.DateField(
        _("end month"), null=True, blank=True, help_text=_("First day of the month.")
    )

    estimate_text = models.CharField(
        _("estimate (as in the plan)"),
        max_length=80,
        blank=True,
        help_text=_("The plan's own words, e.g. 'ca. 50-60k' or 'ntb'."),
        validators=[validate_single_line],
    )
    estimate_min = money_field(_("estimate minimum (EUR)"), null=True, blank=True)
    estimate_max = money_field(_("estimate maximum (EUR)"), null=True, blank=True)
    estimate_doubtful = models.BooleanField(
        _("estimate in doubt"), default=False, help_text=_("The plan marks it with '?'.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus, default=ActivityStatus.PLANNED
    )
    note = LongTextField(
        _("note"),
        blank=True,
        help_text=_("Remarks on the plan's text, such as an apparent error in a date."),
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("cases"), related_name="activities", blank=True
    )

    # The portal's readings of the plan about this row (citydeal.readings): deleted with it.
    plan_readings = GenericRelation("citydeal.Reading")
    objects = NaturalKeyManager("team__programme__slug", "team__number", "order")
    history = PortalHistoricalRecords(m2m_fields=["cases"])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["team", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "order"], name="activity_order_unique_per_team"
            ),
            models.CheckConstraint(
                condition=Q(estimate_min__isnull=True) | Q(estimate_min__gte=0),
                name="activity_estimate_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(estimate_min__isnull=True)
                | Q(estimate_max__isnull=True)
                | Q(estimate_max__gte=F("estimate_min")),
                name="activity_estimate_min_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(start_month__isnull=True)
                | Q(end_month__isnull=True)
                | Q(end_month__gte=F("start_month")),
                name="activity_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.team.code}: {self.title}"

    def natural_key(self):
        return (*self.team.natural_key(), self.order)

    natural_key.dependencies = ["teams.team", "teams.goal", "cases.case"]

    def clean(self):
        """The rules of the constraints above, with messages people can act on."""
        super().clean()
        errors = {}
        if (
            self.goal_id is not None
            and self.team_id is not None
            and self.goal.team_id != self.team_id
        ):
            errors["goal"] = _("The goal belongs to another team.")
        if (
            self.estimate_min is not None
            and self.estimate_max is not None
            and self.estimate_max < self.estimate_min
        ):
            errors["estimate_max"] = _("The maximum cannot be lower than the minimum.")
        if (
            self.start_month is not None
            and self.end_month is not None
            and self.end_month < self.start_month
        ):
            errors["end_month"] = _("The end month cannot be before the start month.")
        if errors:
            raise ValidationError(errors)

    @property
    def estimate_known(self) -> bool:
        return self.estimate_min is not None
