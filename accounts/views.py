"""The API token endpoints: a username and password for a token (throttled by django-axes
per username and address, and per client address), and revoking tokens; the throttled
password reset form."""

import hashlib
import logging
import math

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordResetView
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import exceptions, parsers, renderers, serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.authentication import TokenAuthentication
from accounts.models import User
from citydeal import ratelimit
from citydeal.api.throttling import ClientAddressRateThrottle
from citydeal.logsafe import log_safe

security_log = logging.getLogger("citydeal.security")


class TokenRequestSerializer(serializers.Serializer):
    """A username and password, checked by authenticate() (django-axes counts failures).

    The fields are bounded: an overlong username would otherwise reach django-axes, whose
    attempt table holds at most 255 characters (a 500 on PostgreSQL)."""

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

    def validate(self, attrs):
        user = authenticate(
            request=self.context.get("request"),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:  # also an inactive user
            raise serializers.ValidationError(
                _("Unable to log in with provided credentials."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenRequestThrottle(ClientAddressRateThrottle):
    """Token requests per client address, whatever the username (API_TOKEN_THROTTLE):
    django-axes locks one username at a time, this stops guessing across usernames."""

    scope = "token"


class TokenRequestsThrottled(exceptions.Throttled):
    """429 with a message of the portal's own catalogue (DRF's adds an untranslated
    "Expected available in ..." to its own)."""

    def __init__(self, wait: float | None):
        seconds = math.ceil(wait) if wait is not None else 60
        detail = ngettext(
            "Too many token requests from this address. Try again in %(seconds)d second.",
            "Too many token requests from this address. Try again in %(seconds)d seconds.",
            seconds,
        ) % {"seconds": seconds}
        APIException.__init__(self, detail, self.default_code)
        self.wait = seconds


@method_decorator(login_not_required, name="dispatch")
class ObtainTokenView(APIView):
    """POST username and password, get ``{"token": ..., "expiry": ...}`` for
    ``Authorization: Token ...``.

    The token is shown this once: the portal stores only its digest. It expires after
    API_TOKEN_TTL_DAYS days (30 by default). Failed attempts count towards the same
    django-axes lockout as the login page; a locked-out username and address get 429
    with the Dutch message, even with the right password. One client address gets at
    most API_TOKEN_THROTTLE answers (20 a minute by default), then 429.
    """

    permission_classes = ()
    throttle_classes = (TokenRequestThrottle,)
    parser_classes = (parsers.FormParser, parsers.MultiPartParser, parsers.JSONParser)
    renderer_classes = (renderers.JSONRenderer,)
    serializer_class = TokenRequestSerializer

    def get_serializer(self, *args, **kwargs):
        # authenticate() must see Django's HttpRequest, not DRF's wrapper: django-axes marks
        # the request it is given as locked out, and AxesMiddleware (which turns that mark
        # into the 429 answer) only sees the HttpRequest.
        return self.serializer_class(*args, context={"request": self.request._request}, **kwargs)

    def throttled(self, request, wait):
        raise TokenRequestsThrottled(wait)

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        ip_address = request.META.get("REMOTE_ADDR", "")
        instance, token = services.api_token_create(user=user, ip_address=ip_address)
        if settings.AXES_RESET_ON_SUCCESS:
            # As a login on the login page does (axes resets on user_logged_in, which a
            # token request does not send: it starts no session).
            axes_reset(ip=ip_address, username=serializer.validated_data["username"])
        expiry = serializers.DateTimeField().to_representation(instance.expiry)
        return Response({"token": token, "expiry": expiry})


class RevokeTokenView(APIView):
    """POST: end the token this request is sent with (``Authorization: Token ...``); it
    answers 401 from then on. Other tokens of the same user stay valid."""

    authentication_classes = (TokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def post(self, request, *args, **kwargs):
        services.api_token_revoke(token=request.auth, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RevokeAllTokensView(APIView):
    """POST: end every token of the user of this request (token or browser session)."""

    permission_classes = (IsAuthenticated,)

    def post(self, request, *args, **kwargs):
        services.api_tokens_revoke_all(user=request.user, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
        # Count first, then compare: two processes at the same moment get 3 and 4, never
        # both 3. A request refused for its mailbox does not count for its client address.
        if any(ratelimit.hit(key, period=60 * 60) > limit for key, limit in keys.items()):
            security_log.warning(
                "password reset throttled email=%s ip=%s", log_safe(email), ip_address
            )
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
