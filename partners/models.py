from django.db import models
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.managers import NaturalKeyManager
from citydeal.validators import LongTextField, validate_single_line


class Organisation(models.Model):
    """A knowledge partner, ministry, institute or company."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    website = models.URLField(_("website"), blank=True)

    objects = NaturalKeyManager("name")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class Contact(models.Model):
    """A contact person; the plans often name only a surname."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, validators=[validate_single_line]
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    email = models.EmailField(_("email"), blank=True)

    objects = NaturalKeyManager("name")
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["partners.organisation"]


class PartnerPosition(models.TextChoices):
    INSIDE = "inside", _("Inside the team")
    OUTSIDE = "outside", _("Outside the team")
    UNKNOWN = "", _("Not stated")


class RelatedProgramme(models.Model):
    """A row of a team's table 'Verbinding met nationale verwante trajecten'."""

    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        related_name="related_programmes",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(
        _("name of the programme"), max_length=250, blank=True, validators=[validate_single_line]
    )
    knowledge_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("knowledge partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="related_programmes",
    )
    knowledge_partner_text = models.CharField(
        _("knowledge partner (as in the plan)"),
        max_length=200,
        blank=True,
        help_text=_(
            "The plan's own words, e.g. 'Geonovum, BZK' or 'RVO (Horizon2020)'; "
            "the linked organisation is the first one named."
        ),
        validators=[validate_single_line],
    )
    subject = LongTextField(_("subject / goal"), blank=True)
    goal_letters = models.CharField(
        _("goal letters"),
        max_length=20,
        blank=True,
        help_text=_("e.g. 'A/B'."),
        validators=[validate_single_line],
    )
    remark = LongTextField(_("remark / contact (as in the plan)"), blank=True)
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contact persons"), related_name="related_programmes", blank=True
    )
    position = models.CharField(
        _("position"),
        max_length=10,
        choices=PartnerPosition,
        default=PartnerPosition.UNKNOWN,
        blank=True,
        help_text=_("Whether the partner is inside or outside the existing team."),
    )

    objects = NaturalKeyManager("team__programme__slug", "team__number", "order")
    history = PortalHistoricalRecords(m2m_fields=["contacts"])

    class Meta:
        verbose_name = _("related national programme")
        verbose_name_plural = _("related national programmes")
        ordering = ["team", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "order"], name="related_programme_order_unique_per_team"
            ),
        ]

    def __str__(self):
        return self.display_name

    def natural_key(self):
        return (*self.team.natural_key(), self.order)

    natural_key.dependencies = ["teams.team", "partners.organisation", "partners.contact"]

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.knowledge_partner_text:
            return self.knowledge_partner_text
        return self.knowledge_partner.name if self.knowledge_partner else ""
