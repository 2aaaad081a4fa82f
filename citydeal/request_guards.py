"""What every request passes before a view: its id, a size limit, a nesting limit, no caching.

- ``RequestIdMiddleware`` gives each request an id (a sane incoming ``X-Request-ID``, or a
  new one), answers it in the ``X-Request-ID`` header and puts it on every log record of
  the request (``RequestIdFilter``); a 500 names it, so a report finds its log lines.
- ``RequestBodyGuardMiddleware`` refuses a body above the limit before anything reads it
  (413: JSON under the API, a Dutch page elsewhere), and a JSON body nested deeper than
  ``API_MAX_JSON_DEPTH`` (400 JSON): Python's JSON parser recurses per level, and 2000
  levels in 4 KB end in a RecursionError, a 500.
- ``NoStoreMiddleware`` marks every API response and every page of a logged-in user
  ``Cache-Control: no-store`` (OWASP ASVS 8.2.1): no shared or browser cache keeps
  personal data. Static files are answered earlier, by WhiteNoise, with their own caching.

The JSON error bodies have the API's shape: ``{"detail": ..., "code": ...}``.
"""

import logging
import re
import uuid
from contextvars import ContextVar
from itertools import accumulate

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is taken over only when it is short and plain (a proxy's UUID or hex);
# anything else could forge log lines or headers, and gets a new id instead.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")

_request_id: ContextVar[str] = ContextVar("citydeal_request_id", default="-")

# A JSON string (with its escapes); every byte but the brackets that open or close a level;
# the step in depth of each bracket (indexed by the byte).
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_DEPTH_STEP = [0] * 256
for _opening in b"[{":
    _DEPTH_STEP[_opening] = 1
for _closing in b"]}":
    _DEPTH_STEP[_closing] = -1


def current_request_id() -> str:
    """The id of the request in progress, "-" outside a request."""
    return _request_id.get()


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(detail: str, *, code: str, status: int, **extra) -> JsonResponse:
    """An API error in the API's shape: ``{"detail", "code", ...}``."""
    return JsonResponse({"detail": detail, "code": code, **extra}, status=status)


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every log record (the id of the request in progress, or "-")."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a 4xx answer after the middleware is done (with the request at hand).
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or _request_id.get()
        return True


class RequestIdMiddleware:
    """An id per request: in the ``X-Request-ID`` response header and in the log records."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether the JSON text nests arrays and objects deeper than ``limit``.

    Brackets inside strings do not count. Text that is no valid JSON may be counted
    wrongly; the parser refuses it afterwards anyway. The loops run in C: a megabyte of
    brackets takes tens of milliseconds, not the parser's recursion.
    """
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    if brackets.count(b"[") + brackets.count(b"{") <= limit:
        return False
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets))) > limit


def _content_length(request) -> int | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length >= 0 else None


def page_error(request, template_name: str, status: int) -> HttpResponse:
    """A standalone error page (it renders without a database, a user or a session)."""
    body = loader.render_to_string(template_name, {"request_id": current_request_id()})
    return HttpResponse(body, status=status)


class RequestBodyGuardMiddleware:
    """413 for a body above the limit, 400 for JSON nested too deep; before any view.

    The API's limit is ``API_MAX_BODY_BYTES``, the pages' ``PAGE_MAX_BODY_BYTES`` (the form
    fields of a page stay limited by ``DATA_UPLOAD_MAX_MEMORY_SIZE`` too: Django answers
    400 beyond it, a Dutch page as well).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = is_api(request)
        limit = settings.API_MAX_BODY_BYTES if api else settings.PAGE_MAX_BODY_BYTES
        length = _content_length(request)
        if length is None:
            if api:
                return api_error(
                    _("The Content-Length header is not a number."), code="parse_error", status=400
                )
            return page_error(request, "400.html", 400)
        if length > limit:
            if api:
                return api_error(
                    _("The request body is too large: at most %(limit)d bytes.") % {"limit": limit},
                    code="request_too_large",
                    status=413,
                )
            return page_error(request, "413.html", 413)
        if api and length and request.content_type == "application/json":
            depth = settings.API_MAX_JSON_DEPTH
            if json_depth_exceeds(request.body, depth):
                return api_error(
                    _("The JSON body is nested too deeply: at most %(depth)d levels.")
                    % {"depth": depth},
                    code="parse_error",
                    status=400,
                )
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every API response and every page of a logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if is_api(request) or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response
