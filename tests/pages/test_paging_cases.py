"""The case list pages at 50 cases, filters by team and municipality, searches, and keeps
its totals row the sum over every case of the filter."""

import pytest
from django.urls import reverse

from cases.models import Case, Municipality
from tests import roles
from tests.pages.helpers import dutch, table_with_caption
from tests.pages.paging import dutch_count, grow, next_url, queries_of, reachable

CAPTION = "Cases and their costs for the programme"
PAGE_SIZE = 50


def _body(response) -> list[list[str]]:
    rows = table_with_caption(response, dutch(CAPTION))["rows"]
    return rows[1:-1]  # without the head and the totals


def _foot(response) -> list[str]:
    return table_with_caption(response, dutch(CAPTION))["rows"][-1]


def test_the_case_list_runs_the_same_queries_at_two_sizes(one_of_each, client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse("case-list"))
    small, _response = queries_of(client, reverse("case-list"))
    grow(one_of_each)
    large, response = queries_of(client, reverse("case-list"))
    assert small == large <= 25
    assert len(_body(response)) == PAGE_SIZE


def test_the_totals_are_over_every_case_of_the_filter_on_every_page(one_of_each, client_as):
    grow(one_of_each)
    client = client_as(roles.DIRECTOR)
    response = client.get(reverse("case-list"))
    count = Case.objects.filter(programme=one_of_each).count()
    assert count > PAGE_SIZE
    foot = _foot(response)
    assert foot[0] == dutch_count(
        "Total of the %(counter)s case of this list, on every page",
        "Total of all %(counter)s cases of this list, on every page",
        count,
    )
    # The seed's 40.000 and 250.000 plus 60 grown cases of 1.000 in 2021 and 2022.
    assert foot[-2:] == ["€ 100.000", "€ 310.000"]
    second = client.get(next_url(response))
    assert _foot(second)[-2:] == foot[-2:]

    filtered = client.get(reverse("case-list"), {"team": 5, "search": "groei-casus 00"})
    assert [row[1] for row in _body(filtered)] == [f"Groei-casus 00{i}" for i in range(10)]
    assert _foot(filtered)[-2:] == ["€ 10.000", "€ 10.000"]


def test_the_case_list_filters_by_team_and_municipality(one_of_each, client_as):
    grow(one_of_each)
    client = client_as(roles.case_owner(roles.DORDRECHT))
    by_team = client.get(reverse("case-list"), {"team": 5})
    assert reachable(client, reverse("case-list"), "Meewerk-casus 059", {"team": 5})
    assert reachable(client, reverse("case-list"), "Groei-casus 059", {"team": 5})
    assert "Componistenbuurt" in by_team.content.decode()
    assert not reachable(client, reverse("case-list"), "Groei-casus 059", {"team": 1})

    dordrecht = Municipality.objects.get(name="Dordrecht")
    response = client.get(reverse("case-list"), {"municipality": dordrecht.pk})
    rows = _body(response)
    assert rows and all("Dordrecht" in row[0] for row in rows)
    nothing = client.get(reverse("case-list"), {"search": "bestaat niet"})
    assert dutch("No cases match this filter.") in nothing.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"page": "999"}, {"page": "abc"}, {"page": "-1"}, {"team": "abc"}, {"municipality": "x"}],
)
def test_bad_parameters_never_break_the_case_list(one_of_each, client_as, params):
    response = client_as(roles.DIRECTOR).get(reverse("case-list"), params)
    assert response.status_code == 200
    assert "Componistenbuurt" in response.content.decode() or params.get("page")
