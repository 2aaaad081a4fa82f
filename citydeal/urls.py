from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import set_language

from accounts.views import ThrottledPasswordResetView


@login_not_required
def favicon_view(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the portal's icon."""
    return redirect(static("favicon.svg"))


urlpatterns = [
    # The composed pages (overview, teams, team page, case page) first: paths and names
    # as they always were.
    path("", include("portal.urls")),
    path("teams/", include("teams.urls")),
    path("cases/", include("cases.urls")),
    path("partners/", include("partners.urls")),
    path("activities/", include("activities.urls")),
    path("events/", include("events.urls")),
    # Budget lines and the budget space under budgets/, the decisions under decisions/.
    path("", include("budgets.urls")),
    path("spending/", include("spending.urls")),
    # The snapshots of the directors' update; /dashboard/ itself is the portal's page.
    path("dashboard/", include("reporting.urls")),
    # The calendar feeds page, and the feeds a calendar app reads with a token, no session.
    path("calendar/", include("workshops.feed_urls")),
    # Workshops under workshops/, their bookings under bookings/.
    path("", include("workshops.urls")),
    # Before Django's own: the same URL and name, with a limit on the mails it sends.
    path(
        "accounts/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("citydeal.api_urls")),
    # The URL and name of include("django.conf.urls.i18n"), but open to anonymous
    # visitors: the login page offers the language switch too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon_view, name="favicon"),
]

# Errors under /api/ answer in JSON (a 500 with the request id), pages with Dutch pages.
handler400 = "citydeal.error_views.bad_request"
handler404 = "citydeal.error_views.page_not_found"
handler500 = "citydeal.error_views.server_error"
