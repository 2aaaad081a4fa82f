"""The API token endpoint: a username and password for a token, throttled by django-axes."""

import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
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
