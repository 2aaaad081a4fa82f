"""The suite's N+1 detection (tests/nplusone.py) fails an N+1, and only an N+1.

The broken selector is the one the spending lists had: requests loaded with their
activity, and the activity's team read per row. The fixed one loads the team in the same
query. Nothing here wraps the code in a check of its own: what raises is the harness that
runs every test (tests/conftest.py) and every request (the middleware of the test
settings).
"""

import pytest
from django.http import HttpResponse
from django.urls import path
from zeal import NPlusOneError, zeal_ignore

from activities.models import Activity
from budgets.models import BudgetLine
from spending.models import SpendingRequest
from tests.factories import SpendingRequestFactory
from tests.nplusone import MARKER, NPlusOneAllowanceUnused, nplusone_checked
from tests.roles import CORE_TEAM

TEAM_N_PLUS_ONE = "activities.Activity.team"


def broken_request_teams() -> list[str]:
    """The team of each request's activity, the team read one request at a time."""
    requests = SpendingRequest.objects.select_related("activity").order_by("pk")
    return [req.activity.team.short_name for req in requests]


def fixed_request_teams() -> list[str]:
    requests = SpendingRequest.objects.select_related("activity__team").order_by("pk")
    return [req.activity.team.short_name for req in requests]


def lookup_titles() -> list[str]:
    """Each request looked up again by its id: one query per row."""
    ids = SpendingRequest.objects.order_by("pk").values_list("pk", flat=True)
    return [SpendingRequest.objects.get(pk=pk).title for pk in ids]


def broken_view(request):
    return HttpResponse(", ".join(broken_request_teams()))


def lookup_view(request):
    return HttpResponse(", ".join(lookup_titles()))


def fixed_view(request):
    return HttpResponse(", ".join(fixed_request_teams()))


urlpatterns = [
    path("broken/", broken_view),
    path("fixed/", fixed_view),
    path("lookups/", lookup_view),
]


@pytest.fixture
def two_requests(db) -> list[str]:
    """Two requests (the threshold of the test settings) for activities of two teams."""
    made = []
    for number in (1, 2):
        line = BudgetLine.objects.filter(team__number=number).order_by("pk").first()
        activity = Activity.objects.filter(team__number=number).order_by("pk").first()
        SpendingRequestFactory(budget_line=line, activity=activity)
        made.append(activity.team.short_name)
    return made


def test_the_threshold_is_two_lazy_loads_from_one_line(settings):
    assert settings.ZEAL_RAISE is True
    assert settings.ZEAL_NPLUSONE_THRESHOLD == 2


def test_a_test_that_runs_an_n_plus_one_fails(two_requests):
    with pytest.raises(NPlusOneError, match=rf"N\+1 detected on {TEAM_N_PLUS_ONE} at .*"):
        broken_request_teams()


def test_the_fixed_selector_passes_with_the_same_rows(two_requests):
    assert fixed_request_teams() == two_requests


def test_one_row_is_no_n_plus_one(two_requests):
    SpendingRequest.objects.filter(pk=SpendingRequest.objects.order_by("pk").first().pk).delete()
    assert broken_request_teams() == two_requests[1:]


@pytest.mark.urls(__name__)
def test_a_page_that_runs_an_n_plus_one_fails(two_requests, client_as):
    client = client_as(CORE_TEAM)
    with pytest.raises(NPlusOneError, match=TEAM_N_PLUS_ONE):
        client.get("/broken/")


@pytest.mark.urls(__name__)
def test_a_page_with_the_fixed_selector_passes(two_requests, client_as):
    response = client_as(CORE_TEAM).get("/fixed/")
    assert response.content.decode() == ", ".join(two_requests)


@pytest.mark.urls(__name__)
def test_each_request_is_checked_on_its_own(two_requests, client_as):
    """Two requests to a page that reads one row are no N+1 together."""
    SpendingRequest.objects.filter(pk=SpendingRequest.objects.order_by("pk").first().pk).delete()
    client = client_as(CORE_TEAM)
    assert client.get("/broken/").status_code == 200
    assert client.get("/broken/").status_code == 200


@pytest.mark.urls(__name__)
def test_a_page_that_looks_rows_up_one_by_one_fails(two_requests, client_as):
    client = client_as(CORE_TEAM)
    with pytest.raises(NPlusOneError, match=r"spending\.SpendingRequest\.get\(\)"):
        client.get("/lookups/")


def test_a_test_body_may_look_rows_up_one_by_one(two_requests):
    assert len(lookup_titles()) == 2


def test_set_up_code_can_be_left_out(two_requests):
    with zeal_ignore():
        assert broken_request_teams() == two_requests


@pytest.mark.known_nplusone(TEAM_N_PLUS_ONE, reason="the harness's own test of the allowance")
def test_a_known_n_plus_one_is_allowed_by_its_marker(two_requests):
    assert broken_request_teams() == two_requests


def test_an_allowance_does_not_cover_another_n_plus_one(two_requests):
    with (
        pytest.raises(NPlusOneError, match=TEAM_N_PLUS_ONE),
        nplusone_checked(allowed=["spending.SpendingRequest.budget_line"]),
    ):
        broken_request_teams()


def test_an_allowance_that_is_no_longer_needed_fails(two_requests):
    with (
        pytest.raises(NPlusOneAllowanceUnused, match=rf"{TEAM_N_PLUS_ONE}.*{MARKER}"),
        nplusone_checked(allowed=[TEAM_N_PLUS_ONE]),
    ):
        fixed_request_teams()
