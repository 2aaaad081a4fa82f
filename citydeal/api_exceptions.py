"""Errors of the API as JSON with the field names, whichever layer raised them.

Services raise Django's ValidationError and PermissionDenied (one door per write, for
pages and API alike). DRF's own handler turns the first into a 500 and drops the reason
of the second; here both become what DRF would answer for its own exceptions.

A ``Conflict`` (``citydeal.exceptions``) is a ValidationError that is no bad input, and
answers 409: e.g. a step the spending request's state does not allow (approving a draft,
approving twice, changing a submitted request), or an approval the budget cannot hold
(the input is fine, the budget's current state refuses it, as a second approval
arriving first would). The body carries what the conflict adds: the state, or what is
left and what was asked. An actual amount above the approved one is bad input, not a
conflict: the approved amount is fixed and no other request changes it, so only other
input passes (400 on ``actual_amount``).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from citydeal.exceptions import Conflict


def api_exception_handler(exc, context):
    """400 with ``{"field": [messages]}`` (or ``non_field_errors``) for a Django
    ValidationError; 403 with the reason for a Django PermissionDenied that gives one;
    409 with what the conflict adds (the state, the figures) for a ``Conflict``."""
    if isinstance(exc, Conflict):
        return Response(exc.conflict_body(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied) and exc.args and str(exc):
        exc = exceptions.PermissionDenied(str(exc))
    return drf_exception_handler(exc, context)
