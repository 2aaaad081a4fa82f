"""The spending lists page at 50 rows, keep their filters in the page links, and run the
same number of queries whatever the number of requests."""

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from spending.constants import SpendingState
from tests import roles
from tests.factories import SpendingRequestFactory
from tests.pages.helpers import dutch
from tests.pages.paging import body_rows, next_url, queries_of

PAGE_SIZE = 50
MAX_QUERIES = 25


def _line(team: int) -> BudgetLine:
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=team, period__label="2022-2023"
    )


def _requests(user_named, n: int, *, team: int = 1, title: str = "Aanvraag", **traits):
    lead = user_named(roles.team_lead(team))
    return [
        SpendingRequestFactory(
            budget_line=_line(team), created_by=lead, title=f"{title} {i:03d}", **traits
        )
        for i in range(n)
    ]


QUEUE_CAPTION = "Spending requests, most recently submitted first"
MINE_CAPTION = "My spending requests, newest first"


@pytest.mark.parametrize(
    ("username", "name", "caption"),
    [
        (roles.CORE_TEAM, "spending-queue", QUEUE_CAPTION),
        (roles.team_lead(1), "spending-mine", MINE_CAPTION),
    ],
)
def test_a_spending_list_runs_the_same_queries_at_two_sizes(
    client_as, user_named, username, name, caption
):
    _requests(user_named, 3, submitted=True)
    client = client_as(username)
    client.get(reverse(name))  # warm the per-process caches
    small, response = queries_of(client, reverse(name))
    assert len(body_rows(response, dutch(caption))) == 3
    _requests(user_named, 60, submitted=True, title="Later")
    large, response = queries_of(client, reverse(name))
    assert small == large <= MAX_QUERIES
    assert len(body_rows(response, dutch(caption))) == PAGE_SIZE


@pytest.mark.parametrize(
    ("username", "name", "caption"),
    [
        (roles.CORE_TEAM, "spending-queue", QUEUE_CAPTION),
        (roles.team_lead(1), "spending-mine", MINE_CAPTION),
    ],
)
def test_the_request_past_the_first_page_is_reached_by_the_next_link(
    client_as, user_named, username, name, caption
):
    oldest, *_rest = _requests(user_named, PAGE_SIZE + 5, submitted=True)
    client = client_as(username)
    first = client.get(reverse(name), {"team": _line(1).team_id})
    assert oldest.title not in first.content.decode()
    assert dutch("Page %(number)s of %(count)s") % {"number": 1, "count": 2} in (
        first.content.decode()
    )
    url = next_url(first)
    assert "team=" in url and "page=2" in url  # the filter stays in the link
    second = client.get(url)
    rows = body_rows(second, dutch(caption))
    assert len(rows) == 5
    assert any(oldest.title in row[0] for row in rows)
    assert next_url(second) is None


def test_my_requests_filter_by_state_team_and_title(client_as, user_named):
    _requests(user_named, 2, title="Concept")
    _requests(user_named, 3, submitted=True, title="Ingediend")
    client = client_as(roles.CORE_TEAM)
    SpendingRequestFactory(
        budget_line=_line(2), created_by=user_named(roles.CORE_TEAM), title="Kernteam OT2"
    )
    SpendingRequestFactory(
        budget_line=_line(3), created_by=user_named(roles.CORE_TEAM), title="Kernteam OT3"
    )

    def shown(**params):
        response = client.get(reverse("spending-mine"), params)
        return [row[0] for row in body_rows(response, dutch(MINE_CAPTION))]

    assert len(shown()) == 2
    assert shown(team=_line(2).team_id) == ["Kernteam OT2"]
    assert shown(search="ot3") == ["Kernteam OT3"]
    assert shown(state=SpendingState.SUBMITTED) == [dutch("No requests match this filter.")]

    lead = client_as(roles.team_lead(1))
    response = lead.get(reverse("spending-mine"), {"state": SpendingState.SUBMITTED})
    titles = [row[0] for row in body_rows(response, dutch(MINE_CAPTION))]
    assert len(titles) == 3 and all(title.startswith("Ingediend") for title in titles)


def test_the_queue_searches_in_the_title(client_as, user_named):
    _requests(user_named, 2, submitted=True, title="Zaal")
    _requests(user_named, 1, submitted=True, title="Onderzoeksbureau")
    response = client_as(roles.CORE_TEAM).get(reverse("spending-queue"), {"search": "  bureau "})
    titles = [row[0] for row in body_rows(response, dutch(QUEUE_CAPTION))]
    assert titles == ["Onderzoeksbureau 000"]
    assert f'<label for="id_search">{dutch("Search in the title")}</label>' in (
        response.content.decode()
    )


@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc", "1.5", "\x00", ""])
@pytest.mark.parametrize(
    ("username", "name"),
    [(roles.CORE_TEAM, "spending-queue"), (roles.team_lead(1), "spending-mine")],
)
def test_a_bad_page_number_shows_a_page(client_as, user_named, username, name, page):
    _requests(user_named, 2, submitted=True)
    response = client_as(username).get(reverse(name), {"page": page})
    assert response.status_code == 200
    assert "Aanvraag 000" in response.content.decode()
