"""The REST API under /api/v1/.

Every view here is a DRF view and open to anonymous requests as far as Django's
LoginRequiredMiddleware goes: DRF authenticates itself and answers an anonymous request
with 401 (not a redirect to the login page). The documentation pages are the exception:
they are pages, and send an anonymous visitor to the login page themselves.

The resources are the apps' viewsets (``<app>/api/views.py``); URL names are the
router's: ``api-team-list``, ``api-team-detail``, ``api-spending-request-approve``, ...
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from accounts.views import ObtainTokenView, RevokeAllTokensView, RevokeTokenView
from activities.api.views import (
    ActivityViewSet,
    TeamPlanningImportViewSet,
    TeamPlanningViewSet,
)
from budgets.api.views import (
    BudgetPeriodViewSet,
    BudgetSpaceViewSet,
    DecisionViewSet,
)
from cases.api.views import CaseViewSet
from citydeal.api.views import NotFoundView, PortalRedocView, PortalSchemaView, PortalSwaggerView
from events.api.views import EventViewSet
from partners.api.views import ContactViewSet, OrganisationViewSet, RelatedProgrammeViewSet
from reporting.api.dashboard import DashboardView
from reporting.api.views import SnapshotViewSet
from spending.api.budget_lines import BudgetLineViewSet
from spending.api.views import SpendingRequestViewSet
from teams.api.views import GoalViewSet, TeamViewSet
from workshops.api.views import BookingViewSet, WorkshopSlotViewSet

# Redoc styles its page with <style> elements it writes at run time (styled-components),
# which style-src 'self' blocks: its page alone allows inline styles. Scripts stay 'self'
# only; Swagger UI (/api/v1/docs/) works under the portal's policy as it is.
REDOC_CSP = csp_update({"style-src": [UNSAFE_INLINE]})

router = SimpleRouter()
router.register("teams", TeamViewSet, basename="api-team")
router.register("goals", GoalViewSet, basename="api-goal")
router.register("activities", ActivityViewSet, basename="api-activity")
router.register("budget-periods", BudgetPeriodViewSet, basename="api-budget-period")
router.register("budget-lines", BudgetLineViewSet, basename="api-budget-line")
router.register("budget-spaces", BudgetSpaceViewSet, basename="api-budget-space")
router.register("spending-requests", SpendingRequestViewSet, basename="api-spending-request")
router.register("decisions", DecisionViewSet, basename="api-decision")
router.register("cases", CaseViewSet, basename="api-case")
router.register("organisations", OrganisationViewSet, basename="api-organisation")
router.register("contacts", ContactViewSet, basename="api-contact")
router.register("related-programmes", RelatedProgrammeViewSet, basename="api-related-programme")
router.register("events", EventViewSet, basename="api-event")
router.register("workshop-slots", WorkshopSlotViewSet, basename="api-workshop-slot")
router.register("bookings", BookingViewSet, basename="api-booking")
router.register("snapshots", SnapshotViewSet, basename="api-snapshot")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/token/revoke/", RevokeTokenView.as_view(), name="api-token-revoke"),
    path("auth/token/revoke-all/", RevokeAllTokensView.as_view(), name="api-token-revoke-all"),
    path("schema/", PortalSchemaView.as_view(), name="api-schema"),
    path("docs/", PortalSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "docs/redoc/", REDOC_CSP(PortalRedocView.as_view(url_name="api-schema")), name="api-redoc"
    ),
    # A file, so without the router's trailing slash; the teams' viewset with the action
    # that knows the activities (a layer above the teams).
    path(
        "teams/<int:pk>/planning.xlsx",
        TeamPlanningViewSet.as_view({"get": "planning_xlsx"}, detail=True, basename="api-team"),
        name="api-team-planning-xlsx",
    ),
    path("dashboard/", DashboardView.as_view(), name="api-dashboard"),
    path(
        "teams/<int:pk>/planning-import/",
        TeamPlanningImportViewSet.as_view(
            {"post": "planning_import"}, detail=True, basename="api-team"
        ),
        name="api-team-planning-import",
    ),
    *router.urls,
    # Last: any other path under a resource (an id that is no number, a step that does not
    # exist) answers 404 in JSON (401 when anonymous), not with Django's HTML page.
    re_path(
        rf"^(?P<rest>(?:{'|'.join(prefix for prefix, *_ in router.registry)})/[\s\S]*)$",
        NotFoundView.as_view(),
        name="api-not-found",
    ),
]
