"""Session lifetime and logging of refused requests."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

security_log = logging.getLogger("citydeal.security")

# Both set at login by accounts.signals.stamp_login_time.
LOGIN_TIME_KEY = "citydeal_login_at"
LAST_SEEN_KEY = "citydeal_last_seen"
# A session is written (and its expiry moved on) at most once a minute, not on every
# request: the idle limit then holds to within a minute at a fraction of the writes.
TOUCH_INTERVAL = 60


class SessionLifetimeMiddleware:
    """Ends a session SESSION_COOKIE_AGE seconds after the last request (idle) and at most
    SESSION_MAX_AGE_ABSOLUTE seconds after login, whatever happens in between."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            logged_in_at = session.get(LOGIN_TIME_KEY)
            last_seen = session.get(LAST_SEEN_KEY, logged_in_at)
            too_old = (
                logged_in_at is None
                or now - logged_in_at > settings.SESSION_MAX_AGE_ABSOLUTE
                or now - last_seen > settings.SESSION_COOKIE_AGE
            )
            if too_old:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(f"{reverse('login')}?next={request.path}")
            if now - last_seen >= TOUCH_INTERVAL:
                session[LAST_SEEN_KEY] = now  # saved with a new expiry date
        return self.get_response(request)


class RefusedRequestLogMiddleware:
    """Logs every refused request (401, 403, 429) with user, path and client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (401, 403, 429):
            user = getattr(request, "user", None)
            security_log.warning(
                "refused status=%s user=%s method=%s path=%s ip=%s",
                response.status_code,
                user.username if user is not None and user.is_authenticated else "-",
                request.method,
                request.path,
                request.META.get("REMOTE_ADDR", ""),
            )
        return response
