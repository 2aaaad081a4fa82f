"""Helpers the apps' services share, and the kernel's own writes: keys that make a
create happen once, and the portal's readings of the plan."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser as User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from citydeal.models import (
    IDEMPOTENCY_WINDOW,
    KEY_MAX_LENGTH,
    IdempotencyKey,
    IdempotencyScope,
    Reading,
)
from citydeal.permissions import can_edit_reading


def assign(obj: models.Model, **values) -> bool:
    """Set the values on ``obj``; return whether any of them differs from what it had."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def links_differ(obj: models.Model, **links) -> bool:
    """Whether the given many-to-many links differ from what ``obj`` has now."""
    return any(
        set(getattr(obj, name).values_list("pk", flat=True)) != {item.pk for item in related}
        for name, related in links.items()
    )


def ensure_allowed(verdict) -> None:
    """Raise PermissionDenied with the rule's reason when a rule's verdict is no."""
    if not verdict:
        raise PermissionDenied(verdict.reason)


# -- once per key: the creates of the API and the page forms ------------------------------

_KEY = re.compile(rf"[ -~]{{1,{KEY_MAX_LENGTH}}}")


def idempotency_key_valid(key: str | None) -> bool:
    """Whether ``key`` can be a key: 1-255 printable ASCII characters."""
    return isinstance(key, str) and _KEY.fullmatch(key) is not None


@dataclass(frozen=True)
class IdempotentAnswer:
    """What a create with a key answered: now, or the first time (``replayed``).

    A replay may belong to another request that used the key: ``same_request`` tells
    whether method and path agree, ``same_body`` whether the body did too.
    """

    status_code: int
    body: str
    replayed: bool
    same_request: bool = True
    same_body: bool = True


def _replay(row: IdempotencyKey, *, method: str, path: str, body_hash: str) -> IdempotentAnswer:
    return IdempotentAnswer(
        status_code=row.status_code,
        body=row.response_body,
        replayed=True,
        same_request=(row.method, row.path) == (method, path),
        same_body=row.body_hash == body_hash,
    )


def idempotent_run(
    *,
    user: User,
    scope: IdempotencyScope,
    key: str,
    method: str,
    path: str,
    body_hash: str,
    run: Callable[[], tuple[int, str]],
) -> IdempotentAnswer:
    """Run ``run`` (a create; it answers a status and a body to keep) once per ``key`` of
    ``user`` in ``scope`` within ``IDEMPOTENCY_WINDOW``; a later call gets the first answer.

    The key's row is inserted first, in the same transaction as the create, under a unique
    constraint: a second request with the key waits for the first one's commit and then
    answers with its result (PostgreSQL; SQLite runs one writer at a time anyway). When
    ``run`` raises, nothing is kept, the key included: a retry runs again.
    """
    mine = IdempotencyKey.objects.filter(user=user, scope=scope, key=key)
    previous = mine.first()
    if previous is not None and previous.created >= timezone.now() - IDEMPOTENCY_WINDOW:
        return _replay(previous, method=method, path=path, body_hash=body_hash)
    with transaction.atomic():
        if previous is not None:
            mine.filter(pk=previous.pk).delete()  # an expired use of the key: free it
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(
                    user=user,
                    scope=scope,
                    key=key,
                    method=method,
                    path=path,
                    body_hash=body_hash,
                    created=timezone.now(),
                )
        except IntegrityError:
            # Another request with this key committed while this one waited.
            return _replay(mine.get(), method=method, path=path, body_hash=body_hash)
        row.status_code, row.response_body = run()
        row.save(update_fields=["status_code", "response_body"])
    return IdempotentAnswer(status_code=row.status_code, body=row.response_body, replayed=False)


def idempotency_keys_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the keys older than ``IDEMPOTENCY_WINDOW`` (no request uses them any more);
    the number deleted."""
    since = (now or timezone.now()) - IDEMPOTENCY_WINDOW
    deleted, _per_model = IdempotencyKey.objects.filter(created__lt=since).delete()
    return deleted


# -- the portal's readings of the plan ------------------------------------------------------


def reading_record(*, obj: models.Model, field: str, plan_words: str, reading: str) -> Reading:
    """Record that the portal read ``reading`` into ``obj``'s ``field`` from the plan's
    ``plan_words``. Once per object and field: when one is recorded already, it is left as
    it is (it may have been reworded since) and returned."""
    content_type = ContentType.objects.get_for_model(obj)
    existing = Reading.objects.filter(
        content_type=content_type, object_id=obj.pk, field=field
    ).first()
    if existing is not None:
        return existing
    row = Reading(
        content_type=content_type,
        object_id=obj.pk,
        field=field,
        plan_words=plan_words,
        reading=reading,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def reading_update(*, reading_id: int, by: User, reading: str) -> Reading:
    """Reword what the portal made of the plan's words (the functional admin). The plan's
    words and what the reading is attached to stay as they are."""
    ensure_allowed(can_edit_reading(by))
    row = Reading.objects.select_for_update().get(pk=reading_id)
    row.reading = reading
    row.full_clean()
    row.save(update_fields=["reading"])
    return row
