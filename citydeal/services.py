"""Helpers the apps' services share."""

from django.core.exceptions import PermissionDenied
from django.db import models


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
