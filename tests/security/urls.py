"""The portal's URLs plus three API views that exist only in tests: one that needs a login,
and two that raise Django's exceptions as a service would."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from citydeal.urls import urlpatterns as portal_urlpatterns


class WhoAmIView(APIView):
    """Any API view with the default authentication and permission classes."""

    def get(self, request):
        return Response({"username": request.user.username})


class ServiceValidationErrorView(APIView):
    def post(self, request):
        raise ValidationError({"amount": ["Past the budget line: 10.00 left."]})


class ServicePermissionDeniedView(APIView):
    def post(self, request):
        raise PermissionDenied("You submitted this request yourself.")


urlpatterns = [
    *portal_urlpatterns,
    path("api/v1/test/whoami/", WhoAmIView.as_view()),
    path("api/v1/test/validation-error/", ServiceValidationErrorView.as_view()),
    path("api/v1/test/permission-denied/", ServicePermissionDeniedView.as_view()),
]
