"""Snapshots: the state of the programme frozen for a meeting of the directors.

A snapshot keeps the dashboard's figures and, per object, what later snapshots (or the
current state) are compared with (``reporting.capture``). It is written once by
``reporting.services.snapshot_create`` and never changes afterwards: saving an existing
row, updating or deleting rows raises, like the trails of the other apps.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydeal.trail import AppendOnlyModel, TrailImmutableError
from citydeal.validators import validate_single_line


class Snapshot(AppendOnlyModel):
    """The programme's state at one moment, e.g. "Update directeurenoverleg 24 maart"."""

    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    # Users whom the history names are deactivated, never deleted.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        related_name="snapshots_taken",
    )
    version = models.PositiveSmallIntegerField(
        _("data version"),
        default=1,
        help_text=_("The layout of the data; a later layout gets a higher number."),
    )
    data = models.JSONField(
        _("data"), help_text=_("The dashboard's figures and the objects to compare.")
    )

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-taken_at", "-pk"]
        indexes = [
            # The order of the lists (newest first) and "the previous snapshot".
            models.Index(
                "programme", F("taken_at").desc(), F("id").desc(), name="snapshot_programme_taken"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TrailImmutableError(_("A snapshot cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TrailImmutableError(_("A snapshot cannot be deleted."))

    @property
    def figures(self) -> dict:
        return self.data.get("figures", {})

    @property
    def items(self) -> dict:
        return self.data.get("items", {})
