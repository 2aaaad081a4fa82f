"""Errors of the API as JSON with the field names, whichever layer raised them.

Services raise Django's ValidationError and PermissionDenied (one door per write, for
pages and API alike). DRF's own handler turns the first into a 500 and drops the reason
of the second; here both become what DRF would answer for its own exceptions.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


def api_exception_handler(exc, context):
    """400 with ``{"field": [messages]}`` (or ``non_field_errors``) for a Django
    ValidationError; 403 with the reason for a Django PermissionDenied that gives one."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied) and exc.args and str(exc):
        exc = exceptions.PermissionDenied(str(exc))
    return drf_exception_handler(exc, context)
