"""Writes about accounts: API tokens made, revoked one by one, or all at once.

knox stores only a digest of a token; the token itself exists once, in the answer to
the request that made it. Each write is noted in the security log.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from accounts.models import User
from accounts.permissions import can_revoke_api_tokens
from citydeal.logsafe import log_safe

security_log = logging.getLogger("citydeal.security")


@transaction.atomic
def api_token_create(*, user: User, ip_address: str = "") -> tuple[AuthToken, str]:
    """A new token for ``user``, valid for API_TOKEN_TTL_DAYS: the stored row and the
    token itself (to be shown once; the database keeps only its digest). The user's
    expired tokens go (knox itself removes them only when the user sends a token)."""
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    instance, token = AuthToken.objects.create(user=user)
    security_log.info("api token user=%s ip=%s", log_safe(user.username), ip_address)
    return instance, token


@transaction.atomic
def api_token_revoke(*, token: AuthToken, by: User) -> None:
    """End one token; its owner (or the functional admin) only."""
    verdict = can_revoke_api_tokens(by, token.user)
    if not verdict:
        raise PermissionDenied(verdict.reason)
    AuthToken.objects.filter(pk=token.pk).delete()
    security_log.info(
        "api token revoked user=%s by=%s", log_safe(token.user.username), log_safe(by.username)
    )


@transaction.atomic
def api_tokens_revoke_all(*, user: User, by: User) -> int:
    """End every token of ``user``: by the user, or by the functional admin for anyone.
    Returns how many there were (expired ones included)."""
    verdict = can_revoke_api_tokens(by, user)
    if not verdict:
        raise PermissionDenied(verdict.reason)
    count, _per_model = AuthToken.objects.filter(user=user).delete()
    security_log.info(
        "api tokens revoked user=%s by=%s count=%d",
        log_safe(user.username),
        log_safe(by.username),
        count,
    )
    return count
