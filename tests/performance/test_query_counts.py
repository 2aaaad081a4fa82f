"""Every page a user reaches runs as many queries with 60 more rows of every kind as on
the seed, and at most ``MAX_QUERIES``.

The table names each page (a URL name of the URL configuration), the role that opens
it and its arguments; ``test_every_page_is_pinned`` fails when a page is added to the
URL configuration without a row here.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reporting.services import snapshot_create
from tests import roles
from tests.performance.conftest import GROWTH, Pinned

MAX_QUERIES = 25

LEAD = roles.team_lead(1)
OWNER = roles.case_owner(roles.DORDRECHT)


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str
    kwargs: Callable[[Pinned], dict] = lambda pinned: {}
    # The query string, for a page that shows rows only when asked (a search).
    query: dict | None = None

    def param(self):
        return pytest.param(self, id=f"{self.url_name}-{self.role}")


def _snapshot(pinned: Pinned, title: str = "Update") -> int:
    """A snapshot taken now by the core team (through the service); its key."""
    return snapshot_create(programme=pinned.programme, by=pinned.core, title=title).pk


def _two_snapshots(pinned: Pinned) -> dict:
    """The later of two snapshots, so its page compares with the earlier one."""
    _snapshot(pinned, "Update januari")
    return {"pk": _snapshot(pinned, "Update maart")}


PAGES = [
    Page("overview", roles.DIRECTOR),
    Page("dashboard", roles.DIRECTOR),
    Page("dashboard-report", roles.CORE_TEAM),
    Page("team-list", roles.DIRECTOR),
    Page("team-detail", roles.DIRECTOR, lambda p: {"number": p.team.number}),
    Page("team-detail", LEAD, lambda p: {"number": p.team.number}),
    Page("team-changes", roles.DIRECTOR, lambda p: {"number": p.team.number}),
    Page("team-detail", roles.CORE_TEAM, lambda p: {"number": p.team.number}),
    Page("team-activities", roles.DIRECTOR, lambda p: {"number": p.team.number}),
    # The activities behind a figure of the estimates against the budget lines.
    Page(
        "team-activities",
        roles.DIRECTOR,
        lambda p: {"number": p.team.number},
        query={"fit": "crossing", "first_year": 2021, "last_year": 2021, "no_estimate": "on"},
    ),
    Page("event-list", roles.DIRECTOR),
    Page("planning", roles.DIRECTOR),
    Page("planning", roles.CORE_TEAM, query={"status": "planned"}),
    Page("case-list", roles.DIRECTOR),
    Page("case-detail", OWNER, lambda p: {"slug": p.case.slug}),
    Page("partner-list", LEAD),
    Page("related-programme-detail", LEAD, lambda p: {"pk": p.related.pk}),
    Page("organisation-list", LEAD),
    Page("organisation-detail", LEAD, lambda p: {"pk": p.related.knowledge_partner.pk}),
    Page("partner-search", LEAD, query={"q": "or"}),
    Page("activity-detail", LEAD, lambda p: {"pk": p.activity.pk}),
    Page("budget-line-detail", roles.CORE_TEAM, lambda p: {"pk": p.line.pk}),
    Page("decision-list", roles.CORE_TEAM),
    Page("spending-queue", roles.CORE_TEAM),
    Page("spending-mine", LEAD),
    Page("spending-budget", roles.CORE_TEAM),
    Page("spending-detail", roles.CORE_TEAM, lambda p: {"pk": p.submitted.pk}),
    Page("calendar-feeds", OWNER),
    Page("calendar-feeds", roles.CORE_TEAM),
    Page("agenda", OWNER),
    Page("agenda", roles.DIRECTOR),
    Page("workshop-slot-detail", LEAD, lambda p: {"pk": p.slot.pk}),
    Page("workshop-slot-detail", OWNER, lambda p: {"pk": p.slot.pk}),
    Page("booking-detail", LEAD, lambda p: {"pk": p.booking.pk}),
    Page("booking-detail", OWNER, lambda p: {"pk": p.booking.pk}),
    Page("help-request-detail", LEAD, lambda p: {"pk": p.help_request.pk}),
    # The directors' update: the snapshots, and what changed (since the last one: the
    # current state is read again, at either size).
    Page("snapshot-list", roles.CORE_TEAM, lambda p: _two_snapshots(p) and {}),
    Page("snapshot-changes", roles.DIRECTOR, _two_snapshots),
    Page("dashboard-changes", roles.DIRECTOR, lambda p: _snapshot(p) and {}),
    # The forms, as they open.
    Page("goal-edit", LEAD, lambda p: {"number": p.team.number, "pk": p.goal.pk}),
    Page("activity-create", LEAD, lambda p: {"number": p.team.number}),
    Page("activity-edit", LEAD, lambda p: {"pk": p.activity.pk}),
    Page("team-planning-import", LEAD, lambda p: {"number": p.team.number}),
    Page("case-edit", OWNER, lambda p: {"slug": p.case.slug}),
    Page("related-programme-edit", LEAD, lambda p: {"pk": p.related.pk}),
    Page("event-create", roles.CORE_TEAM),
    Page("event-edit", roles.CORE_TEAM, lambda p: {"slug": p.event.slug}),
    Page("budget-line-edit", roles.CORE_TEAM, lambda p: {"pk": p.line.pk}),
    Page("budget-space-edit", roles.CORE_TEAM, lambda p: {"year": 2021}),
    Page("decision-create", roles.CORE_TEAM),
    Page("spending-create", LEAD),
    Page("spending-edit", LEAD, lambda p: {"pk": p.draft.pk}),
    Page("workshop-slot-create", LEAD),
    Page("workshop-slot-edit", LEAD, lambda p: {"pk": p.slot.pk}),
    Page("workshop-slot-cancel", LEAD, lambda p: {"pk": p.slot.pk}),
    Page("booking-request", OWNER, lambda p: {"pk": p.slot.pk}),
    Page("help-request-create", OWNER),
    Page("help-request-answer", LEAD, lambda p: {"pk": p.help_request.pk}),
]

# URL names of the URL configuration that are no page of their own.
NOT_PAGES = {
    # The steps of a spending request: POST only, from the request's page.
    "spending-submit",
    "spending-approve",
    "spending-reject",
    "spending-return",
    "spending-withdraw",
    "spending-realise",
    # The steps of a booking and closing a request for help: POST only, from their pages.
    "booking-step",
    "help-request-close",
    # The language switch (POST).
    "set_language",
    # /favicon.ico: a redirect to the static icon, no query.
    "favicon",
    # Where a login lands: a redirect, no page of its own.
    "home",
    # A new calendar address (POST), and the calendar feeds: iCalendar, not pages; their
    # queries are pinned in tests/workshops/test_feeds.py.
    "calendar-feed-renew",
    "calendar-feed-user",
    "calendar-feed-team",
    "calendar-feed-case",
    # The planning as Excel files: pinned at two sizes in tests/performance/test_exports.py.
    "team-planning-export",
    "planning-export",
    # The update as an Excel file: pinned at two sizes in tests/performance/test_exports.py.
    "dashboard-report-xlsx",
}

# Parts of the URL configuration with pins of their own, or none of ours: the API
# (tests/api), the admin (tests/admin) and the log-in and password pages.
NOT_PINNED_HERE = ("api/", "admin/", "accounts/")


def _page_names(patterns, prefix: str = "") -> set[str]:
    names = set()
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(NOT_PINNED_HERE):
            continue
        if isinstance(entry, URLResolver):
            names |= _page_names(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def test_every_page_is_pinned():
    pinned = {page.url_name for page in PAGES}
    assert _page_names(get_resolver().url_patterns) - NOT_PAGES == pinned


def _count(client, url: str, query: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", [page.param() for page in PAGES])
def test_the_page_runs_the_same_queries_with_more_rows(page: Page, pinned, client_as):
    client = client_as(page.role)
    url = reverse(page.url_name, kwargs=page.kwargs(pinned))
    on_the_seed = _count(client, url, page.query)
    pinned.grow(GROWTH)
    with_more_rows = _count(client, url, page.query)
    assert (on_the_seed, with_more_rows) == (on_the_seed, on_the_seed), url
    assert on_the_seed <= MAX_QUERIES, url
