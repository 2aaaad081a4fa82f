"""The base of the API's viewsets, and the schema and documentation views.

Every viewset reads through a queryset of the current programme (the one the pages
show) and writes through the app's service, never with ``serializer.save()``: the
service checks the rule, validates and keeps the history, for pages and API alike.
A create (``POST`` on a list) honours the ``Idempotency-Key`` header
(``citydeal.api.idempotency``), whichever viewset it is.
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from citydeal.api.idempotency import create_once, idempotency_key
from citydeal.api.permissions import RulePermission
from citydeal.permissions import can_view_portal
from citydeal.programme import programme_current
from citydeal.readings import readings_attach


class PortalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and read; subclasses add the writes their service supports (others get 405).

    Ids in paths are numbers: anything else is a 404 at the router, before any query.
    """

    lookup_value_regex = r"[0-9]+"
    permission_classes = [RulePermission]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authenticated, allowed, not throttled
        if self.action == "create":
            key = idempotency_key(request)
            if key is not None:
                # dispatch() looks the handler up after initial(): the create runs once.
                self.post = create_once(self, self.post, key)

    def filter_queryset(self, queryset):
        # The filters are for lists; a detail or a step is addressed by its id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @cached_property
    def programme(self):
        if getattr(self, "swagger_fake_view", False):
            return None  # the schema generator only wants the model: no query, no database
        return programme_current()

    def validated(self, serializer_class, *, partial: bool = False, instance=None) -> dict:
        """The request body checked by ``serializer_class`` (400 naming the fields)."""
        serializer = serializer_class(
            instance,
            data=self.request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def respond(self, obj, *, status: int = 200) -> Response:
        """The object as the read endpoints show it, read again with their queryset."""
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data, status=status)


class ReadingsMixin:
    """For a viewset whose serializer shows ``readings`` (``citydeal.api.serializers.
    readings_field``): the readings of the rows it answers with, read in one query (a
    page of a list, or one object)."""

    def get_serializer(self, *args, **kwargs):
        if args and args[0] is not None:
            rows = args[0]
            if isinstance(rows, QuerySet):
                rows = list(rows)  # the rows the serializer then shows carry the readings
                args = (rows, *args[1:])
            readings_attach(rows)
        return super().get_serializer(*args, **kwargs)


def current_values(instance, names) -> dict:
    """The instance's current values of ``names``: what a partial update leaves as it is."""
    values = {}
    for name in names:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = list(getattr(instance, name).all())
        else:
            values[name] = getattr(instance, name)
    return values


class NotFoundView(APIView):
    """Any other path under /api/v1/ (a misspelt resource, an id that is no number):
    404 in JSON for users, 401 for anonymous requests, never Django's HTML page."""

    permission_classes = [RulePermission]
    schema = None  # not an operation of the API

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound()


class PortalSchemaView(SpectacularAPIView):
    """The OpenAPI document: for users with a portal role (session or token).

    Refusals are JSON (401 for anonymous requests, 403 with the reason), not YAML.
    """

    permission_classes = [RulePermission]

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


class _DocsPageMixin:
    """The documentation pages are pages: an anonymous visitor goes to the login page, a
    user without a role gets the 403 page with the reason."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        verdict = can_view_portal(request.user)
        if not verdict:
            raise PermissionDenied(verdict.reason)
        return super().get(request, *args, **kwargs)


class PortalSwaggerView(_DocsPageMixin, SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files; its start script is a separate file
    (``?script=``), so the page needs no inline script."""

    template_name = "api/swagger_ui.html"


class PortalRedocView(_DocsPageMixin, SpectacularRedocView):
    template_name = "api/redoc.html"
