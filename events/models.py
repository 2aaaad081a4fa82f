from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.managers import NaturalKeyManager
from citydeal.validators import LongTextField, validate_single_line


class EventKind(models.TextChoices):
    CORE_TEAM = "core_team", _("Core team meeting")
    ATELIER = "atelier", _("Atelier")
    DIRECTORS = "directors", _("Directors' meeting")
    WORKSHOP = "workshop", _("Workshop")
    THEME_SESSION = "theme_session", _("Theme session")
    TEAM_MEETING = "team_meeting", _("Team meeting")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")


class Event(models.Model):
    """A programme event: core team, atelier, directors' meeting, workshop, theme session."""

    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    slug = models.SlugField(_("code"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("'Month' when the plan names only the month (the date is then the 1st)."),
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, validators=[validate_single_line]
    )
    description = LongTextField(_("description"), blank=True)
    teams = models.ManyToManyField(
        "teams.Team", verbose_name=_("teams"), related_name="events", blank=True
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("cases"), related_name="events", blank=True
    )

    # The portal's readings of the plan about this row (citydeal.readings): deleted with it.
    plan_readings = GenericRelation("citydeal.Reading")
    objects = NaturalKeyManager("programme__slug", "slug")
    history = PortalHistoricalRecords(m2m_fields=["teams", "cases"])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date"]
        # The lists by date (the API, the overview's upcoming events) within a programme.
        indexes = [models.Index(fields=["programme", "date"], name="event_programme_date")]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="event_slug_unique"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.programme.natural_key(), self.slug)

    natural_key.dependencies = ["teams.programme", "teams.team", "cases.case"]
