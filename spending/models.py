"""Spending requests (uitgavenverzoeken) and the trail of their steps.

Only ``spending.services`` writes these rows: it checks the rules, the table of steps
and the budget, and writes a ``SpendingTransition`` for every step.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydeal.money import MAX_AMOUNT, money_field
from citydeal.trail import AppendOnlyModel
from spending.constants import EDITABLE_STATES, SpendingChangeField, SpendingState


class SpendingRequest(models.Model):
    """A team's request to spend an amount (incl. VAT) against one of its budget lines."""

    budget_line = models.ForeignKey(
        "budgets.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="spending_requests",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spending_requests",
        help_text=_("An activity of the budget line's team, if the request is for one."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        help_text=_("The year of the budget space the amount counts against."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    amount = money_field(
        _("amount incl. VAT (EUR)"), min_value=Decimal("0.01"), max_value=MAX_AMOUNT
    )
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=SpendingState,
        default=SpendingState.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="spending_requests_created",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spending_requests_submitted",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spending_requests_decided",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    actual_amount = money_field(
        _("actual amount incl. VAT (EUR)"), max_value=MAX_AMOUNT, null=True, blank=True
    )
    realised_on = models.DateField(_("realised on"), null=True, blank=True)
    decision = models.ForeignKey(
        "budgets.Decision",
        verbose_name=_("core team decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spending_requests",
        help_text=_("The decision of the core team this approval belongs to."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("spending request")
        verbose_name_plural = _("spending requests")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["budget_line", "state"], name="spending_line_state"),
            # The order of the lists (the API, "my requests"): a page of 50 walks the
            # index instead of sorting every request.
            models.Index(F("created").desc(), F("id").desc(), name="spending_created_desc"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive"),
            models.CheckConstraint(
                condition=Q(actual_amount__isnull=True) | Q(actual_amount__gte=0),
                name="spending_actual_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(state__in=SpendingState.values), name="spending_state_known"
            ),
            models.CheckConstraint(
                condition=~Q(state=SpendingState.REALISED)
                | Q(actual_amount__isnull=False, realised_on__isnull=False),
                name="spending_realised_has_actual_amount",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def committed_amount(self):
        """What the request holds of its budget line: approved or actual amount, else None."""
        if self.state == SpendingState.APPROVED:
            return self.amount
        if self.state == SpendingState.REALISED:
            return self.actual_amount
        return None

    def clean(self):
        errors = {}
        line = self.budget_line if self.budget_line_id else None
        if line is not None:
            if self.activity_id and self.activity.team_id != line.team_id:
                errors["activity"] = _(
                    "The activity must be one of the budget line's team (%(team)s)."
                ) % {"team": line.team}
            period = line.period
            if self.year is not None and not (period.start_year <= self.year <= period.end_year):
                errors["year"] = _(
                    "The year must lie within the budget line's period (%(first)s-%(last)s)."
                ) % {"first": period.start_year, "last": period.end_year}
        if errors:
            raise ValidationError(errors)


class SpendingTransition(AppendOnlyModel):
    """One step of a spending request: who, when, from which state to which, and why."""

    request = models.ForeignKey(
        SpendingRequest,
        verbose_name=_("spending request"),
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="spending_transitions",
    )
    from_state = models.CharField(_("from"), max_length=20, choices=SpendingState)
    to_state = models.CharField(_("to"), max_length=20, choices=SpendingState)
    note = models.TextField(_("note"), blank=True)
    amount = money_field(
        _("amount incl. VAT (EUR) at this step"),
        null=True,
        blank=True,
        help_text=_(
            "The request's amount when the step was taken (empty for steps recorded "
            "before the portal kept it)."
        ),
        min_value=None,
    )

    class Meta:
        verbose_name = _("spending request step")
        verbose_name_plural = _("spending request steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_state} → {self.to_state}"


class SpendingChange(AppendOnlyModel):
    """One field of a draft or returned request changed by its creator: who, when, and
    the value before and after, as the trail shows them (amounts as decimal strings,
    a budget line or activity by its name at the time)."""

    Field = SpendingChangeField

    request = models.ForeignKey(
        SpendingRequest,
        verbose_name=_("spending request"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="spending_changes",
    )
    field = models.CharField(_("field"), max_length=20, choices=Field)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)

    class Meta:
        verbose_name = _("spending request change")
        verbose_name_plural = _("spending request changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.field}"
