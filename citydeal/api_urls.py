"""The REST API under /api/v1/.

Every view here is a DRF view and open to anonymous requests as far as Django's
LoginRequiredMiddleware goes: DRF authenticates itself and answers an anonymous request
with 401 (not a redirect to the login page).
"""

from django.urls import path

from accounts.views import ObtainTokenView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
]
