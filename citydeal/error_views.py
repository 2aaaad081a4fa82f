"""Django's error views (handler400, handler404, handler500): JSON under the API, pages elsewhere.

Under ``/api/`` every error answers in the API's shape, ``{"detail", "code"}``; a 500 adds
the request's id, which its log lines carry too. The pages are standalone templates in
Dutch: they render without a database, a session or a user.
"""

from django.utils.translation import gettext as _
from django.views import defaults

from citydeal.request_guards import api_error, current_request_id, is_api, page_error


def bad_request(request, exception=None):
    if is_api(request):
        return api_error(_("The request could not be read."), code="bad_request", status=400)
    return page_error(request, "400.html", 400)


def page_not_found(request, exception=None):
    if is_api(request):
        return api_error(_("Not found."), code="not_found", status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return api_error(
            _("A server error occurred. Please report the request id."),
            code="server_error",
            status=500,
            request_id=current_request_id(),
        )
    return page_error(request, "500.html", 500)
