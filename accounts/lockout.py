"""What a locked-out visitor sees: a clear message in Dutch, as JSON for the API."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Too many failed login attempts. This account is locked for %(minutes)d minute "
        "from this address. Try again later or ask the functional admin to unlock it.",
        "Too many failed login attempts. This account is locked for %(minutes)d minutes "
        "from this address. Try again later or ask the functional admin to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: 429 with the message, JSON under /api/."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    return render(
        request,
        "registration/locked_out.html",
        {"message": lockout_message(), "title": _("Account locked")},
        status=429,
    )
