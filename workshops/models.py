"""Workshop slots that teams publish, the bookings of cases, their trail, open requests
for help and the private calendar feeds.

Only ``workshops.services`` writes these rows: it checks the rules, the table of steps,
the slot's capacity and the case's calendar, and writes a ``BookingTransition`` for every
step of a booking.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydeal.historical import PortalHistoricalRecords
from citydeal.trail import AppendOnlyModel
from citydeal.validators import LongTextField, validate_single_line
from workshops.constants import ACTIVE_STATES, BookingState, HelpRequestState, SlotState


class WorkshopSlot(models.Model):
    """A workshop a team offers at a time, with room for a number of cases."""

    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="workshop_slots",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    topic = models.CharField(
        _("topic"),
        max_length=100,
        validators=[validate_single_line],
        help_text=_("A short theme that case owners filter on, e.g. 'data' or 'participation'."),
    )
    goal = models.ForeignKey(
        "teams.Goal",
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_slots",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_slots",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.CharField(
        _("place or online link"),
        max_length=300,
        validators=[validate_single_line],
    )
    capacity = models.PositiveSmallIntegerField(
        _("places (cases)"), help_text=_("How many cases can take part.")
    )
    description = LongTextField(_("description"), blank=True)
    request_deadline = models.DateField(
        _("requests until"),
        null=True,
        blank=True,
        help_text=_("The last day on which a case can ask for a place; empty: until the start."),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=SlotState, default=SlotState.PUBLISHED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="workshop_slots_created",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("workshop slot")
        verbose_name_plural = _("workshop slots")
        ordering = ["start", "pk"]
        indexes = [
            # The agenda (upcoming, by time) and a team's slots.
            models.Index(fields=["start", "id"], name="slot_start"),
            models.Index(fields=["team", "start"], name="slot_team_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_capacity_positive"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="slot_end_after_start"),
            models.CheckConstraint(
                condition=Q(state__in=SlotState.values), name="slot_state_known"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cancelled(self) -> bool:
        return self.state == SlotState.CANCELLED

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must lie after the start.")
        if self.team_id:
            if self.goal_id and self.goal.team_id != self.team_id:
                errors["goal"] = _("The goal must be one of the team's (%(team)s).") % {
                    "team": self.team
                }
            if self.activity_id and self.activity.team_id != self.team_id:
                errors["activity"] = _("The activity must be one of the team's (%(team)s).") % {
                    "team": self.team
                }
        if (
            self.request_deadline
            and self.start
            and self.request_deadline > timezone.localdate(self.start)
        ):
            errors["request_deadline"] = _(
                "The last day for requests cannot lie after the workshop's day."
            )
        if errors:
            raise ValidationError(errors)


class Booking(models.Model):
    """A case's place in a workshop slot: requested, on the waiting list, confirmed, ..."""

    slot = models.ForeignKey(
        WorkshopSlot,
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="workshop_bookings",
    )
    questions = LongTextField(_("questions the case brings"), blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=BookingState, default=BookingState.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="workshop_bookings_requested",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_bookings_decided",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    report = models.TextField(_("report"), blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["slot", "state"], name="booking_slot_state"),
            models.Index(fields=["case", "state"], name="booking_case_state"),
            models.Index(F("created").desc(), F("id").desc(), name="booking_created_desc"),
        ]
        constraints = [
            # One active booking per case and slot: asking twice is a conflict, not a
            # second place.
            models.UniqueConstraint(
                fields=["slot", "case"],
                condition=Q(state__in=sorted(ACTIVE_STATES)),
                name="booking_one_active_per_case",
            ),
            models.CheckConstraint(
                condition=Q(state__in=BookingState.values), name="booking_state_known"
            ),
        ]

    def __str__(self):
        return f"{self.case} – {self.slot}"


class BookingTransition(AppendOnlyModel):
    """One step of a booking: who, when, from which state to which, and why."""

    booking = models.ForeignKey(
        Booking,
        verbose_name=_("booking"),
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="booking_transitions",
    )
    from_state = models.CharField(_("from"), max_length=20, choices=BookingState, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=BookingState)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("booking step")
        verbose_name_plural = _("booking steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_state or '-'} → {self.to_state}"


class HelpRequest(models.Model):
    """A case's open question to a team ("help with data-driven asset management in Q1"),
    answered by a workshop slot the team proposes."""

    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    question = LongTextField(_("what the case needs help with"))
    when = models.CharField(
        _("when"),
        max_length=100,
        blank=True,
        validators=[validate_single_line],
        help_text=_("In the case's own words, e.g. 'Q1 2022' or 'before the summer'."),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=HelpRequestState, default=HelpRequestState.OPEN
    )
    slot = models.ForeignKey(
        WorkshopSlot,
        verbose_name=_("proposed workshop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    answer = models.TextField(_("answer"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="help_requests_created",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_requests_answered",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["team", "state"], name="helprequest_team_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=HelpRequestState.values), name="helprequest_state_known"
            ),
        ]

    def __str__(self):
        return f"{self.case} → {self.team}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private calendar feed: whoever knows the token reads that user's calendar.
    Renewing replaces the token, and the old address answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
