"""The bare reference view of the benchmark answers what the spending requests API list
answers the core team: the same rows, in the same order, with the same count."""

import pytest
from zeal import zeal_ignore

from budgets.models import BudgetLine
from tests import roles
from tests.factories import BudgetLineFactory, SpendingRequestFactory

pytestmark = pytest.mark.django_db

BARE = "/bench/bare/spending-requests/"


@pytest.fixture(autouse=True)
def _bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_the_bare_view_shows_the_api_lists_rows(client_as):
    lines = BudgetLine.objects.filter(team__programme__slug="cdor").order_by("pk")[:2]
    with zeal_ignore():  # set-up through the services, not what the test is about
        for line in [*lines, *lines]:
            SpendingRequestFactory(budget_line=line, submitted=True)
        SpendingRequestFactory(budget_line=BudgetLineFactory())  # another programme's
    client = client_as(roles.CORE_TEAM)

    api = client.get("/api/v1/spending-requests/").json()
    bare = client.get(BARE).json()

    assert bare["count"] == api["count"] == 4
    assert [row["id"] for row in bare["results"]] == [row["id"] for row in api["results"]]
    first_api, first_bare = api["results"][0], bare["results"][0]
    assert first_bare["title"] == first_api["title"]
    assert first_bare["amount"] == first_api["amount"]
    assert first_bare["created_by__username"] == first_api["created_by"]


def test_the_bare_view_is_behind_the_login(client):
    response = client.get(BARE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
