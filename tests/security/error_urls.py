"""The portal's URLs and error handlers, plus a page and an API view that fail with a bug."""

import logging

from django.urls import path
from rest_framework.views import APIView

from citydeal.urls import handler400, handler404, handler500  # noqa: F401
from citydeal.urls import urlpatterns as portal_urlpatterns

log = logging.getLogger("tests.security")


class BrokenApiView(APIView):
    """An API view with a bug: an exception no handler knows."""

    def get(self, request):
        log.error("about to fail")
        raise RuntimeError("a bug")


def broken_page(request):
    raise RuntimeError("a bug")


urlpatterns = [
    *portal_urlpatterns,
    path("api/v1/test/broken/", BrokenApiView.as_view()),
    path("test/broken/", broken_page),
]
