"""One manager for every model with a natural key (the seed fixtures refer to rows by it)."""

from django.db import models


class NaturalKeyManager(models.Manager):
    """``get_by_natural_key(*key)`` looks the row up by ``lookups``, in the order of the
    model's ``natural_key()``: e.g. ``NaturalKeyManager("programme__slug", "number")``.

    Not used in migrations (no ``use_in_migrations``): the migrations get Django's plain
    manager and stay as they are.
    """

    def __init__(self, *lookups: str):
        # Related managers subclass the default manager and are made without arguments:
        # they have no natural key lookups of their own.
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *key):
        if len(key) != len(self.lookups):
            raise self.model.DoesNotExist(
                f"A natural key of {self.model._meta.label} has {len(self.lookups)} parts, "
                f"not {len(key)}."
            )
        return self.get(**dict(zip(self.lookups, key, strict=True)))
