"""The reads behind the pages, on a programme of their own and on the seed."""

import datetime
from decimal import Decimal

import pytest

from activities.models import Activity, PlanningKind
from activities.selectors import is_undecided, open_points
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace
from budgets.selectors import budget_tables, case_cost_differences
from cases.models import Case, CaseCost
from cases.selectors import case_table
from events.models import DatePrecision, Event, EventKind
from events.selectors import programme_events
from teams.models import Programme, Team


@pytest.fixture
def small(db):
    """A programme shaped like the document: a 2021 period and a 2022-2023 outlook."""
    programme = Programme.objects.create(slug="small", name="Small programme", short_name="SP")
    teams = [
        Team.objects.create(programme=programme, number=n, name=f"Team {n}", short_name=f"T{n}")
        for n in (1, 2)
    ]
    p2021 = BudgetPeriod.objects.create(
        programme=programme, label="2021", start_year=2021, end_year=2021
    )
    p2223 = BudgetPeriod.objects.create(
        programme=programme, label="2022-2023", start_year=2022, end_year=2023
    )
    BudgetLine.objects.create(team=teams[0], period=p2021, amount=Decimal("55000.00"))
    BudgetLine.objects.create(team=teams[0], period=p2223, amount=Decimal("320000.00"))
    BudgetLine.objects.create(team=teams[1], period=p2021, amount=Decimal("0.10"))
    BudgetLine.objects.create(team=teams[1], period=p2223, amount=Decimal("0.20"))
    for n, (c2021, c2022) in enumerate([("5000", "10000"), ("35000", "240000")], start=1):
        case = Case.objects.create(
            programme=programme, slug=f"case-{n}", title=f"Case {n}", lead_team=teams[0]
        )
        CaseCost.objects.create(case=case, year=2021, amount=Decimal(c2021))
        CaseCost.objects.create(case=case, year=2022, amount=Decimal(c2022))
    return programme


def test_difference_per_team_and_period(small):
    rows = case_cost_differences(programme=small)
    assert [(r.team.number, r.period.label) for r in rows] == [(1, "2021"), (1, "2022-2023")]
    first, second = rows
    assert first.year == 2021
    assert first.case_total == Decimal("40000.00")
    assert first.line_amount == Decimal("55000.00")
    assert first.difference == Decimal("-15000.00")
    assert first.covers_whole_period
    assert second.case_years == (2022,)
    assert second.case_total == Decimal("250000.00")
    assert second.difference == Decimal("-70000.00")
    assert not second.covers_whole_period  # the line covers 2022 and 2023
    assert all(isinstance(r.difference, Decimal) for r in rows)


def test_equal_figures_are_no_difference(small):
    BudgetLine.objects.filter(team__number=1, period__label="2021").update(amount=40000)
    assert [r.period.label for r in case_cost_differences(programme=small)] == ["2022-2023"]
    both = case_cost_differences(programme=small, include_equal=True)
    assert [r.difference for r in both] == [Decimal("0.00"), Decimal("-70000.00")]


def test_missing_budget_line_and_year_outside_every_period_are_shown(small):
    BudgetLine.objects.filter(team__number=1, period__label="2021").delete()
    CaseCost.objects.create(case=Case.objects.get(slug="case-1"), year=2024, amount=1)
    rows = case_cost_differences(programme=small)
    by_years = {r.case_years: r for r in rows}
    assert by_years[(2021,)].line_amount is None and by_years[(2021,)].difference is None
    assert by_years[(2024,)].period is None


def test_difference_for_one_team(small, django_assert_num_queries):
    team = small.teams.get(number=1)
    with django_assert_num_queries(3):
        rows = case_cost_differences(programme=small, team=team)
    assert len(rows) == 2
    assert case_cost_differences(programme=small, team=small.teams.get(number=2)) == []


def test_budget_tables_sum_in_the_database(small, django_assert_num_queries):
    BudgetSpace.objects.create(
        programme=small, year=2022, amount_min=Decimal("400000"), amount_max=Decimal("500000")
    )
    BudgetSpace.objects.create(
        programme=small, year=2023, amount_min=Decimal("400000"), amount_max=Decimal("500000")
    )
    BudgetSpace.objects.create(programme=small, year=2021, carries_over=True, note="over")
    with django_assert_num_queries(3):
        t2021, t2223 = budget_tables(programme=small)
    assert t2021.total == Decimal("55000.10")
    assert [line.team.number for line in t2021.lines] == [1, 2]
    assert not t2021.space_known  # the 2021 space has no amounts
    assert t2223.total == Decimal("320000.20")
    assert (t2223.space_min, t2223.space_max) == (Decimal("800000.00"), Decimal("1000000.00"))
    assert t2223.over_space_min == Decimal("-679999.80")
    assert t2223.space_status == "below"
    assert [space.year for space in t2223.carried_over_from] == [2021]


def test_budget_space_missing_for_a_year_gives_no_sum(small):
    BudgetSpace.objects.create(
        programme=small, year=2022, amount_min=Decimal("400000"), amount_max=Decimal("500000")
    )
    t2223 = budget_tables(programme=small)[1]
    assert t2223.space_min is None and t2223.space_status is None
    assert [space.year for space in t2223.spaces] == [2022]


def test_case_table_totals_per_year(small):
    table = case_table(programme=small)
    assert table.years == [2021, 2022]
    assert table.totals == [Decimal("40000.00"), Decimal("250000.00")]
    assert table.rows[0].costs == [Decimal("5000.00"), Decimal("10000.00")]


def test_open_points(small):
    team = small.teams.get(number=1)
    Activity.objects.create(team=team, order=1, title="a", planning_kind=PlanningKind.TBD)
    Activity.objects.create(team=team, order=2, title="b", estimate_text="ntb", responsible="ntb")
    Activity.objects.create(team=team, order=3, title="c", responsible="Nader te bepalen")
    Activity.objects.create(team=team, order=4, title="d", responsible="N.t.b.")
    Activity.objects.create(
        team=team,
        order=5,
        title="e",
        estimate_text="40-50k?",
        estimate_min=40000,
        estimate_max=50000,
        estimate_doubtful=True,
        planning_kind=PlanningKind.ONGOING,
        responsible="Cora van Zwam",
    )
    points = open_points(programme=small)
    assert points.activities == 5
    assert points.planning_open == 4  # the default kind is "to be decided"
    assert points.estimate_open == 1
    assert points.responsible_open == 3
    assert points.estimate_doubtful == 1
    assert [t.activity_count for t in points.teams] == [5, 0]


@pytest.mark.parametrize(
    ("text", "undecided"),
    [("ntb", True), ("N.t.b.", True), (" Nader te bepalen ", True), ("-", False), ("", False)],
)
def test_undecided_words(text, undecided):
    assert is_undecided(text) is undecided


def test_events_split_at_today_month_precision_counts_as_the_whole_month(small):
    def event(slug, date, precision=DatePrecision.DAY):
        return Event.objects.create(
            programme=small,
            slug=slug,
            kind=EventKind.ATELIER,
            title=slug,
            date=date,
            date_precision=precision,
        )

    event("past", datetime.date(2021, 10, 14))
    event("this-month", datetime.date(2021, 12, 1), DatePrecision.MONTH)
    event("later", datetime.date(2022, 3, 24))
    split = programme_events(programme=small, today=datetime.date(2021, 12, 15))
    assert [e.slug for e in split.upcoming] == ["this-month", "later"]
    assert [e.slug for e in split.past] == ["past"]


def test_seed_ot5_difference_2021(document_rows):
    """Tied to the document: OT5's case table 2021 adds up to 40.000, its budget line is 55.000."""
    rows = case_cost_differences(programme=document_rows)
    ot5 = {r.period.label: r for r in rows if r.team.number == 5}
    row = next(r for r in ot5.values() if r.year == 2021)
    assert (row.case_total, row.line_amount, row.difference) == (
        Decimal("40000.00"),
        Decimal("55000.00"),
        Decimal("-15000.00"),
    )
    outlook = next(r for r in ot5.values() if r.period.start_year == 2022)
    assert (outlook.case_total, outlook.line_amount) == (Decimal("250000.00"), Decimal("320000.00"))
