"""The kernel's own data: the keys that make a create happen once, and the portal's
readings of the plan.

A double click on a page form, a retried mobile request or an API client's retry sends
the same create twice. Each create that carries a key (the ``Idempotency-Key`` header of
the API, the hidden one-time token of a page form) leaves a row here, written in the
same transaction as what it created: a second request with that key gets the first
answer back and creates nothing. The rows live in the database, so every app server
sees them; after ``IDEMPOTENCY_WINDOW`` they are ignored (and purged).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydeal.validators import LongTextField

IDEMPOTENCY_WINDOW = datetime.timedelta(hours=24)
KEY_MAX_LENGTH = 255


class IdempotencyScope(models.TextChoices):
    API = "api", _("API request")
    FORM = "form", _("page form")


class IdempotencyKey(models.Model):
    """One create, by key: what was asked (method, path, a hash of the body) and what
    was answered (status and body; for a page form the address of what it created)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    scope = models.CharField(_("scope"), max_length=8, choices=IdempotencyScope.choices)
    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=1000)
    body_hash = models.CharField(
        _("body hash"), max_length=64, help_text=_("SHA-256 of the request body.")
    )
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    response_body = models.TextField(
        _("response body"),
        blank=True,
        help_text=_("The API's answer (JSON), or the address a page form went on to."),
    )
    created = models.DateTimeField(_("created"), db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            # The second request with a key waits here for the first one's commit.
            models.UniqueConstraint(
                fields=["user", "scope", "key"], name="citydeal_idempotency_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class Reading(models.Model):
    """Where the portal filled in something the plan does not say: the plan's own words
    and what the portal made of them, attached to the object and field they concern.

    The plan leaves things open that the portal's data cannot leave open (the year of a
    date, the year of a cost column, which towns a case spans, which goal a case serves).
    The seed fills them in; a reading says so wherever the value is shown, with the words
    the value was read from, so nobody mistakes the portal's reading for the plan's.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of object"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("field"),
        max_length=60,
        blank=True,
        help_text=_("The field the reading concerns; empty when it concerns the whole object."),
    )
    plan_words = LongTextField(_("the plan's words"), help_text=_("Verbatim, as in the plan."))
    reading = LongTextField(_("the portal's reading"))

    class Meta:
        verbose_name = _("reading of the plan")
        verbose_name_plural = _("readings of the plan")
        ordering = ["content_type", "object_id", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"],
                name="citydeal_reading_unique_per_field",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.field}".strip()
