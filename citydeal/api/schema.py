"""The error responses in the OpenAPI document.

Actions name their own errors with ``extend_schema`` (``errors(...)`` below: a 409 for a
step the state does not allow, a 400 naming the note, ...); the postprocessing hook
``add_error_responses`` adds the common ones to every operation that lacks them and
gives every error response its JSON body:

- 400 ``ValidationError``: ``{"field": ["message", ...]}``, ``non_field_errors`` for the
  whole object, or ``{"detail": ...}`` for a body that is not JSON;
- 401, 403, 404, 405, 415, 429 ``Error``: ``{"detail": "message"}`` (403: the rule's reason);
- 409 ``Conflict``: ``{"detail", "code"}`` and, as the refusal has them, ``state`` or
  ``remaining`` and ``requested``;
- 413 ``Error`` for a body above ``API_MAX_BODY_BYTES`` (``code``: ``request_too_large``);
- 500 ``ServerError``: ``{"detail", "code": "server_error", "request_id"}``, the id the
  portal's log lines of that request carry (citydeal.request_guards).

Every create (``POST`` on a list) takes the ``Idempotency-Key`` header and names its 422.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiViewExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
CONFLICT = "Conflict"
SERVER_ERROR = "ServerError"

SCHEMAS = {
    ERROR: {
        "type": "object",
        "description": "An error: the message says what went wrong (403: the rule's reason).",
        "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
        "required": ["detail"],
    },
    SERVER_ERROR: {
        "type": "object",
        "description": (
            "A fault of the portal, not of the request. `request_id` (also the response's "
            "`X-Request-ID` header) finds the portal's log lines of the request."
        ),
        "properties": {
            "detail": {"type": "string"},
            "code": {"type": "string", "enum": ["server_error"]},
            "request_id": {"type": "string"},
        },
        "required": ["detail", "code", "request_id"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            "Input that does not do: each field with its messages; `non_field_errors` for "
            "the object as a whole; `detail` for a body that is no JSON object."
        ),
        "additionalProperties": {},
        "example": {"amount": ["Ensure that there are no more than 2 decimal places."]},
    },
    CONFLICT: {
        "type": "object",
        "description": (
            "The request's state or the budget does not allow the step. `code` is "
            "`transition_not_allowed` or `not_editable` (with the current `state`), or "
            "`budget_line_exceeded`, `budget_space_exceeded` or `budget_carry_over_exceeded` "
            "(with what is `remaining` and what was `requested`, in euros), or "
            "`budget_below_committed` (a limit lowered below what is `committed`, with the "
            "`requested` limit). For workshops: `slot_full` (every place is confirmed), "
            "`overlap` (the case has a confirmed workshop at that time: that `booking`), "
            "`state` (the booking's or the slot's `state` does not allow the step) or "
            "`deadline` (requests are closed)."
        ),
        "properties": {
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "state": {"type": "string"},
            "remaining": {"type": "string", "format": "decimal"},
            "requested": {"type": "string", "format": "decimal"},
            "committed": {"type": "string", "format": "decimal"},
            "booking": {"type": "string", "description": "The id of the booking in the way."},
        },
        "required": ["detail", "code"],
    },
}

DESCRIPTIONS = {
    "400": "Invalid input: the body names each field that does not do, with the reason.",
    "401": "Not authenticated: no valid token (`Authorization: Token ...`) or session.",
    "403": "Refused by a rule of the portal; `detail` gives its reason.",
    "404": "No such object (or, for a list, no such page).",
    "409": "Conflict with the current state of the request, the budget or the workshop.",
    "413": "The body is larger than the API takes (`API_MAX_BODY_BYTES`, 1 MB by default).",
    "415": "Unsupported media type: send JSON.",
    "422": (
        "The `Idempotency-Key` was used in the last 24 hours for another request (another "
        "body or path): `code` is `idempotency_key_reused`."
    ),
    "429": "Too many requests; try again later.",
    "500": "A fault of the portal; `request_id` names the request in the portal's log.",
}
BODIES = {"409": CONFLICT, "400": VALIDATION_ERROR, "500": SERVER_ERROR}
WRITE_METHODS = {"post", "put", "patch"}
TOKEN_OPERATION = "auth_token_create"
# Revoking takes no body and asks no rule: only 401, 429 and (a session without its CSRF
# token) 403 can happen.
REVOKE_OPERATIONS = {
    "auth_token_revoke_create": ["401", "429"],
    "auth_token_revoke_all_create": ["401", "403", "429"],
}


def errors(**described: str) -> dict:
    """``extend_schema`` responses for errors with an operation's own description, e.g.
    ``errors(e409="The request is not submitted.")``; the hook adds the bodies."""
    return {int(key[1:]): OpenApiResponse(description=text) for key, text in described.items()}


def write_schema(summary: str, request, response, refused: dict, *, status: int = 200):
    """``extend_schema`` for a write through a service: the body it takes, what it answers
    and the errors of who may not, e.g. ``refused=errors(e403="Only core team members.")``."""
    return extend_schema(summary=summary, request=request, responses={status: response, **refused})


def update_schemas(summary: str, partial_summary: str, request, response, refused: dict) -> dict:
    """The ``update`` and ``partial_update`` schemas of a change through a service, for
    ``@extend_schema_view(**update_schemas(...))``: the same body, answer and refusals,
    each with its own summary (``partial_summary`` for PATCH)."""
    return {
        "update": write_schema(summary, request, response, refused),
        "partial_update": write_schema(partial_summary, request, response, refused),
    }


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "A key of the client's choosing (1-255 printable ASCII characters, e.g. a UUID) "
        "that makes a retry safe: the same key from the same user within 24 hours "
        "answers the first response again (same status and body, with the header "
        "`Idempotent-Replayed: true`) and creates nothing; the same key with another body "
        "answers 422. A refused request (4xx) keeps nothing: its key can be sent again."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
}


REPLAYED = {
    "description": "`true` when this is the first response to the same `Idempotency-Key`, "
    "answered again; nothing was created this time.",
    "schema": {"type": "string", "enum": ["true"]},
}


def _is_create(path: str, method: str, operation: dict) -> bool:
    """A POST on a resource's list (the token endpoints are no resource)."""
    operation_id = operation.get("operationId")
    return (
        method == "post"
        and "{" not in path
        and operation_id != TOKEN_OPERATION
        and operation_id not in REVOKE_OPERATIONS
    )


def _add_parameter(operation: dict, parameter: dict) -> None:
    """Add ``parameter``; a first one goes where drf-spectacular puts parameters (before
    the body and the responses), so the document reads as the others."""
    if "parameters" in operation:
        operation["parameters"].append(parameter)
        return
    items = list(operation.items())
    operation.clear()
    for name, value in items:
        if name in ("requestBody", "responses") and "parameters" not in operation:
            operation["parameters"] = [parameter]
        operation[name] = value


def _ref(name: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _statuses(path: str, method: str, operation: dict) -> list[str]:
    if operation.get("operationId") == TOKEN_OPERATION:
        # Open to anonymous visitors; django-axes answers 429.
        return ["400", "413", "429", "500"]
    if operation.get("operationId") in REVOKE_OPERATIONS:
        return [*REVOKE_OPERATIONS[operation["operationId"]], "413", "500"]
    statuses = ["401", "403", "429", "500"]
    has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
    if method in WRITE_METHODS:
        statuses += ["400", "413", "415"]
    elif has_query:
        statuses.append("400")  # a filter value that does not do
    if "{" in path or has_query:
        statuses.append("404")  # no such object, or a page past the last
    if _is_create(path, method, operation):
        statuses.append("422")  # an Idempotency-Key used for another request
    return statuses


# The bounds Django gives an integer column depend on the database (SQLite: all 64 bits;
# PostgreSQL: 16, 32 or 64): leave them out, so the document is the same on both.
_DATABASE_BOUNDS = {2**63 - 1, 2**31 - 1, 2**15 - 1, -(2**63), -(2**31), -(2**15)}


def _database_independent(node) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for key in ("maximum", "minimum"):
                if node.get(key) in _DATABASE_BOUNDS:
                    del node[key]
            if node.get("format") == "int64":
                del node["format"]
        for value in node.values():
            _database_independent(value)
    elif isinstance(node, list):
        for value in node:
            _database_independent(value)


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: the error responses of every operation, with their bodies, and
    the ``Idempotency-Key`` header of the creates; integer bounds that only say which
    database runs the portal are left out."""
    _database_independent(result.get("components", {}))
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in SCHEMAS.items():
        components.setdefault(name, schema)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if _is_create(path, method, operation):
                _add_parameter(operation, IDEMPOTENCY_KEY)
                for status, response in operation.get("responses", {}).items():
                    if status.startswith("2"):
                        response.setdefault("headers", {})["Idempotent-Replayed"] = REPLAYED
            responses = operation.setdefault("responses", {})
            for status in _statuses(path, method, operation):
                responses.setdefault(status, {"description": DESCRIPTIONS[status]})
            for status, response in responses.items():
                if status.startswith(("4", "5")) and "content" not in response:
                    response["content"] = _ref(BODIES.get(status, ERROR))
            operation["responses"] = dict(sorted(responses.items()))
    return result


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """The portal's token authentication (django-rest-knox's) under the name it had."""

    target_class = "accounts.authentication.TokenAuthentication"
    name = "tokenAuth"
    priority = 1  # before drf-spectacular's own extension for knox ("knoxApiToken")

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with required prefix "Token"',
        }


class ObtainTokenViewSchema(OpenApiViewExtension):
    """The token endpoint (``accounts.views.ObtainTokenView``) as it answers: open to
    anonymous visitors, ``{"token": ..., "expiry": ...}`` for a username and password."""

    target_class = "accounts.views.ObtainTokenView"

    def view_replacement(self):
        @extend_schema(
            summary="A token for a username and password",
            auth=[],
            request=self.target_class.serializer_class,
            responses={
                200: inline_serializer(
                    "Token",
                    {
                        "token": serializers.CharField(
                            help_text="Shown this once: the portal keeps only its digest."
                        ),
                        "expiry": serializers.DateTimeField(
                            help_text="When the token stops working (API_TOKEN_TTL_DAYS)."
                        ),
                    },
                ),
                **errors(
                    e400="No such user and password (`non_field_errors`), or a field missing.",
                    e429=(
                        "Locked out after too many failed attempts (django-axes), or too "
                        "many token requests from this client address (API_TOKEN_THROTTLE)."
                    ),
                ),
            },
        )
        class ObtainTokenView(self.target_class):
            pass

        return ObtainTokenView


class RevokeTokenViewSchema(OpenApiViewExtension):
    target_class = "accounts.views.RevokeTokenView"

    def view_replacement(self):
        @extend_schema(
            summary="Revoke the token this request is sent with",
            request=None,
            responses={
                204: OpenApiResponse(description="Revoked: the token answers 401 from now on."),
                **errors(e401="No token sent, or it is not (or no longer) valid."),
            },
        )
        class RevokeTokenView(self.target_class):
            pass

        return RevokeTokenView


class RevokeAllTokensViewSchema(OpenApiViewExtension):
    target_class = "accounts.views.RevokeAllTokensView"

    def view_replacement(self):
        @extend_schema(
            summary="Revoke every token of the user",
            request=None,
            responses={
                204: OpenApiResponse(description="Revoked: none of the user's tokens works."),
            },
        )
        class RevokeAllTokensView(self.target_class):
            pass

        return RevokeAllTokensView
