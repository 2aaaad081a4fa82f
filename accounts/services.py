"""Writes on accounts."""

from django.db import transaction

from accounts.models import User


@transaction.atomic
def users_deactivate(*, user_ids: list[int]) -> list[User]:
    """Deactivate the users (they can no longer log in, by page or token); the ones that
    were active, now deactivated. Their names stay in the history: users with history are
    deactivated, not deleted (accounts.deletion)."""
    users = list(
        User.objects.select_for_update().filter(pk__in=user_ids, is_active=True).order_by("pk")
    )
    for user in users:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return users
