"""The ``Idempotency-Key`` header of the API's creates.

A client that may send a create twice (a retry after a timeout, a flaky mobile link)
sends a key of its own choosing with it. The same key from the same user within 24 hours
answers the first response again, with ``Idempotent-Replayed: true``, and creates
nothing; the same key with another body or on another path is refused with 422. Only
what succeeded (2xx) is kept: after a refusal the key is free for the corrected request.
"""

import hashlib
import json

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from citydeal.models import KEY_MAX_LENGTH, IdempotencyScope
from citydeal.services import idempotency_key_valid, idempotent_run

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "This Idempotency-Key was used in the last 24 hours for another request (another "
        "body or path). Send a new key with a new request."
    )
    default_code = "idempotency_key_reused"

    def __init__(self):
        super().__init__()
        # The body names the code too, as the 409 conflicts do.
        self.detail = {"detail": self.detail, "code": self.default_code}


def idempotency_key(request) -> str | None:
    """The request's key, None without one; 400 naming the header when it does not do."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not idempotency_key_valid(key):
        raise exceptions.ValidationError(
            {
                HEADER: [
                    _("A key is 1 to %(max)d printable ASCII characters.") % {"max": KEY_MAX_LENGTH}
                ]
            }
        )
    return key


class _NotKept(Exception):
    """The create answered without success: nothing to keep, the key stays free."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def create_once(view, handler, key: str):
    """``handler`` (a viewset's create) run once per ``key``: the first response, or its
    replay."""

    def once(request, *args, **kwargs):
        body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
        first = None

        def run() -> tuple[int, str]:
            nonlocal first
            first = handler(request, *args, **kwargs)
            if not status.is_success(first.status_code):
                raise _NotKept(first)
            rendered = request.accepted_renderer.render(
                first.data, request.accepted_media_type, view.get_renderer_context()
            )
            return first.status_code, rendered.decode()

        try:
            answer = idempotent_run(
                user=request.user,
                scope=IdempotencyScope.API,
                key=key,
                method=request.method,
                path=request.path,
                body_hash=hashlib.sha256(body.encode()).hexdigest(),
                run=run,
            )
        except _NotKept as not_kept:
            return not_kept.response
        if not answer.replayed:
            return first
        if not (answer.same_request and answer.same_body):
            raise IdempotencyKeyReused()
        replay = HttpResponse(
            answer.body,
            status=answer.status_code,
            content_type=request.accepted_renderer.media_type,
        )
        replay[REPLAYED_HEADER] = "true"
        return replay

    return once
