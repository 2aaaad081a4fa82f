"""The portal's URLs and the bare reference view that the API lists are compared with."""

from django.urls import include, path

from bench.pages import BARE_PATH
from bench.views import bare_spending_requests
from citydeal.urls import handler400, handler404, handler500  # noqa: F401

urlpatterns = [
    path(BARE_PATH.lstrip("/"), bare_spending_requests, name="bench-bare"),
    path("", include("citydeal.urls")),
]
