"""What a locked-out visitor sees (a clear message in Dutch, as JSON for the API), and
the username django-axes counts failures for."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User


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


def lockout_username(request, credentials=None) -> str | None:
    """django-axes' AXES_USERNAME_CALLABLE: the typed username, cut to the longest a
    username can be. axes stores it in a 255-character column: a longer one (the login
    form does not enforce the length) would be a 500 on PostgreSQL."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username)[: User._meta.get_field(User.USERNAME_FIELD).max_length]
