"""The bare reference: the rows of the spending requests API list, without DRF.

The same 50 rows in the same order as ``/api/v1/spending-requests/`` shows the core
team, with the same count, read with ``values()`` and sent with ``JsonResponse``; behind
the same middleware (login, session, role check) as every page. The API's throughput is
measured against this view's in the same run.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from spending.models import SpendingRequest
from teams.selectors import programme_current

FIELDS = [
    "id",
    "budget_line",
    "budget_line__team",
    "activity",
    "year",
    "title",
    "description",
    "amount",
    "state",
    "created_by__username",
    "submitted_by__username",
    "submitted_at",
    "decided_by__username",
    "decided_at",
    "actual_amount",
    "realised_on",
    "decision",
    "created",
    "updated",
]
PAGE_SIZE = 50


@require_GET
def bare_spending_requests(request):
    rows = SpendingRequest.objects.filter(
        budget_line__team__programme=programme_current()
    ).order_by("-created", "-pk")
    return JsonResponse({"count": rows.count(), "results": list(rows.values(*FIELDS)[:PAGE_SIZE])})
