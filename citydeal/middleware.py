"""Session lifetime and logging of refused requests."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from citydeal.logsafe import log_safe
from citydeal.permissions import can_use_admin, can_view_portal

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
                log_safe(user.username) if user is not None and user.is_authenticated else "-",
                request.method,
                log_safe(request.path),
                request.META.get("REMOTE_ADDR", ""),
            )
        return response


# Pages about one's own account, open to every logged-in user, role or not.
ACCOUNT_VIEWS = {"logout", "password_change", "password_change_done"}


class PortalRoleRequiredMiddleware:
    """Every portal page needs a role: an account without one gets 403 with the reason.

    Anonymous visitors are handled before this (LoginRequiredMiddleware), views marked
    login_not_required are open, and the API answers through its own permission
    classes, which ask the same rules. A logged-in user who is not staff gets 403 in
    the admin too, instead of the admin's own login form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith("/api/"):
            return None
        if request.path.startswith("/admin/"):
            verdict = can_use_admin(user)
        elif not getattr(view_func, "login_required", True):
            return None
        elif getattr(request.resolver_match, "url_name", None) in ACCOUNT_VIEWS:
            return None  # one's own account: also without a role
        else:
            verdict = can_view_portal(user)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        return None


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch for everyone unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show an
    English browser English pages; the portal speaks Dutch by default.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
