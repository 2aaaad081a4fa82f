"""Reads about accounts: the API tokens a user has (never their digests)."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from knox.models import AuthToken


def _active(prefix: str = "") -> Q:
    now = timezone.now()
    return Q(**{f"{prefix}expiry__gt": now}) | Q(**{f"{prefix}expiry__isnull": True})


def users_with_api_token_count(users: QuerySet) -> QuerySet:
    """The users, each with ``api_token_count``: the tokens that have not expired."""
    return users.annotate(
        api_token_count=Count("auth_token_set", filter=_active("auth_token_set__"))
    )


def api_tokens_active(user) -> QuerySet:
    """A user's tokens that have not expired, newest first: when made, when they end."""
    return (
        AuthToken.objects.filter(_active(), user=user)
        .order_by("-created")
        .only("created", "expiry", "user_id")
    )
