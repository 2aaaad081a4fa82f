"""The API token endpoint: a username and password for a token, throttled by django-axes."""

import hashlib
import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from accounts.models import User
from citydeal.logsafe import log_safe

security_log = logging.getLogger("citydeal.security")


class TokenRequestSerializer(AuthTokenSerializer):
    """DRF's serializer with bounded fields: an overlong username would otherwise reach
    django-axes, whose attempt table holds at most 255 characters (a 500 on PostgreSQL)."""

    username = serializers.CharField(
        label=_("Username"),
        write_only=True,
        max_length=User._meta.get_field(User.USERNAME_FIELD).max_length,
    )
    password = serializers.CharField(
        label=_("Password"),
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
        max_length=4096,
    )


@method_decorator(login_not_required, name="dispatch")
class ObtainTokenView(ObtainAuthToken):
    """POST username and password, get ``{"token": ...}`` for ``Authorization: Token ...``.

    Failed attempts count towards the same django-axes lockout as the login page; a
    locked-out username and address get 429 with the Dutch message, even with the right
    password.
    """

    serializer_class = TokenRequestSerializer

    def get_serializer_context(self):
        # authenticate() must see Django's HttpRequest, not DRF's wrapper: django-axes marks
        # the request it is given as locked out, and AxesMiddleware (which turns that mark
        # into the 429 answer) only sees the HttpRequest.
        return {**super().get_serializer_context(), "request": self.request._request}

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        ip_address = request.META.get("REMOTE_ADDR", "")
        if settings.AXES_RESET_ON_SUCCESS:
            # As a login on the login page does (axes resets on user_logged_in, which a
            # token request does not send: it starts no session).
            axes_reset(ip=ip_address, username=serializer.validated_data["username"])
        security_log.info("api token user=%s ip=%s", log_safe(user.username), ip_address)
        return Response({"token": token.key})


class ThrottledPasswordResetView(PasswordResetView):
    """The password reset form, with a limit on the mails it sends.

    At most PASSWORD_RESET_MAILS_PER_HOUR mails for one address, and ten times that from
    one client address, so the form cannot be used to flood a mailbox. Past the limit
    the visitor sees the same "mail sent" page as always (no hint whether the address
    is known) and the security log notes it.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        ip_address = self.request.META.get("REMOTE_ADDR", "")
        per_address = settings.PASSWORD_RESET_MAILS_PER_HOUR
        keys = {
            f"password-reset:email:{hashlib.sha256(email.encode()).hexdigest()}": per_address,
            f"password-reset:ip:{ip_address}": per_address * 10,
        }
        if any(_count_this_hour(key) >= limit for key, limit in keys.items()):
            security_log.warning(
                "password reset throttled email=%s ip=%s", log_safe(email), ip_address
            )
            return HttpResponseRedirect(self.get_success_url())
        for key in keys:
            _count_this_hour(key, add=True)
        return super().form_valid(form)


def _count_this_hour(key: str, *, add: bool = False) -> int:
    if add:
        cache.add(key, 0, timeout=60 * 60)
        return cache.incr(key)
    return cache.get(key, 0)
