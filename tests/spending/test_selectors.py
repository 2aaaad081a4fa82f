"""The reads of spending: who sees which requests, and the figures, summed in the
database in a fixed number of queries."""

from decimal import Decimal

import pytest

from spending.selectors import (
    budget_line_figures,
    budget_lines_for_submitter,
    budget_overview,
    spending_requests_mine,
    spending_requests_visible,
    year_figures,
)
from tests import roles


@pytest.fixture
def spread(small, maker, user_named):
    """One request in several states on each 2021 line, by each team's lead."""
    made = {}
    for lead, line in ((small.lead_a, small.line_a21), (small.lead_b, small.line_b21)):
        made[lead.username] = [
            maker.approved(line, by=lead, amount="10.00"),
            maker.realised(line, by=lead, amount="20.00", actual="15.00"),
            maker.submitted(line, by=lead, amount="5.00"),
            maker.draft(line, by=lead, amount="7.00"),
        ]
    made["kernteam1"] = [maker.draft(small.line_a22, by=user_named(roles.CORE_TEAM))]
    return made


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("kernteam2", {"lead-a", "lead-b", "kernteam1"}),
        ("directeur", {"lead-a", "lead-b", "kernteam1"}),
        ("lead-a", {"lead-a", "kernteam1"}),  # kernteam1's draft is for team A
        ("lead-b", {"lead-b"}),
        ("casus-dordrecht", set()),
        ("trekker1", set()),
    ],
)
def test_who_sees_which_requests(spread, user_named, username, sees):
    user = user_named(username)
    visible = set(
        spending_requests_visible(user).filter(budget_line__team__programme__slug="small")
    )
    assert visible == {req for name in sees for req in spread[name]}


def test_my_requests_for_the_core_team_are_the_own(spread, user_named):
    assert list(spending_requests_mine(user=user_named(roles.CORE_TEAM))) == spread["kernteam1"]


def test_lines_offered_to_a_team_lead_are_the_own(small, user_named):
    assert set(budget_lines_for_submitter(small.lead_a)) == {small.line_a21, small.line_a22}
    assert budget_lines_for_submitter(user_named(roles.DIRECTOR)).count() == 0


def test_line_figures_in_one_query(spread, small, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = budget_line_figures(small.line_a21)
    assert (figures.planned, figures.approved, figures.realised, figures.pending) == (
        Decimal("80.00"),
        Decimal("10.00"),
        Decimal("15.00"),
        Decimal("5.00"),
    )
    assert (figures.committed, figures.remaining) == (Decimal("25.00"), Decimal("55.00"))


def test_year_figures_in_two_queries(spread, small, django_assert_num_queries):
    with django_assert_num_queries(2):
        y2021, y2022, y2023 = year_figures(programme=small.programme, years=[2021, 2022, 2023])
    assert y2021.committed == Decimal("50.00")  # 2 x (10 approved + 15 realised)
    assert (y2021.available, y2021.remaining) == (Decimal("100.00"), Decimal("50.00"))
    assert (y2022.carried_in, y2022.available) == (Decimal("50.00"), Decimal("150.00"))
    assert (y2023.carried_in, y2023.carried_from) == (Decimal("0.00"), None)


def test_the_overview_in_five_queries_whatever_the_rows(
    small, maker, user_named, django_assert_num_queries
):
    with django_assert_num_queries(5):
        empty = budget_overview(programme=small.programme)
    for _ in range(3):
        maker.approved(small.line_a21, by=small.lead_a, amount="1.00")
        maker.submitted(small.line_b22, by=small.lead_b, amount="2.00")
    with django_assert_num_queries(5):
        overview = budget_overview(programme=small.programme)

    assert [p.totals.planned for p in empty.periods] == [Decimal("160.00"), Decimal("300.00")]
    p2021, p2223 = overview.periods
    assert [f.line for f in p2021.lines] == [small.line_a21, small.line_b21]
    assert (p2021.totals.approved, p2021.totals.remaining) == (Decimal("3.00"), Decimal("157.00"))
    assert p2223.totals.pending == Decimal("6.00")
    team_a, team_b = overview.teams
    assert (team_a.estimate_min, team_a.estimate_max) == (Decimal("40.00"), Decimal("60.00"))
    assert (team_b.estimate_min, team_b.activity_count, team_b.unestimated_count) == (None, 1, 1)
    assert team_a.totals.planned == Decimal("230.00")
    assert [y.year for y in overview.years] == [2021, 2022, 2023]
    assert overview.years[1].carried_in == Decimal("97.00")
