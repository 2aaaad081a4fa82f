"""The dashboard's figures against the seed, computed again here from the fixtures by
plain Python: the money per period and the gap of 2022-2023, the activities by status and
against their planning, the open points, the workshops per team and case, the requests
waiting; and the same number of queries at two sizes."""

import datetime
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from zeal import zeal_ignore

from activities.selectors import is_undecided
from cases.models import Case
from reporting.figures import LIST_SIZE, as_data, dashboard_figures
from spending.constants import SpendingState
from spending.models import SpendingRequest
from teams.models import Programme, Team
from tests.factories import (
    ActivityFactory,
    BookingFactory,
    CaseFactory,
    SpendingRequestFactory,
    WorkshopSlotFactory,
)
from workshops.constants import BookingState
from workshops.models import Booking

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NOW = timezone.make_aware(datetime.datetime(2022, 3, 17, 12, 0))


def _rows(name: str, model: str) -> list[dict]:
    rows = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return [row["fields"] for row in rows if row["model"] == model]


def _activities() -> list[dict]:
    return _rows("cdor_03_activities", "activities.activity")


def _programme() -> Programme:
    return Programme.objects.get(slug="cdor")


def _team_number(row: dict) -> int:
    return row["team"][1]


def test_the_teams_total_for_2022_2023_against_the_budget_space():
    lines = _rows("cdor_04_budgets", "budgets.budgetline")
    later = [row for row in lines if row["period"] == ["cdor", "2022-2023"]]
    total = sum(Decimal(row["amount"]) for row in later)
    assert total == Decimal("1360000.00")
    data = as_data(dashboard_figures(programme=_programme(), now=NOW))
    (period,) = [p for p in data["money"]["space_per_period"] if p["teams_total"] == "1360000.00"]
    assert (period["space_min"], period["space_max"]) == ("800000.00", "1000000.00")
    assert (period["over_space_min"], period["over_space_max"]) == ("360000.00", "560000.00")
    assert period["status"] == "above"


def test_money_per_team_adds_the_lines_and_the_estimates():
    lines = _rows("cdor_04_budgets", "budgets.budgetline")
    planned = Counter()
    for row in lines:
        planned[row["team"][1]] += Decimal(row["amount"])
    estimates_min, estimates_max = Counter(), Counter()
    for row in _activities():
        if row["estimate_min"] is not None:
            estimates_min[_team_number(row)] += Decimal(row["estimate_min"])
            estimates_max[_team_number(row)] += Decimal(row["estimate_max"] or row["estimate_min"])
    data = as_data(dashboard_figures(programme=_programme(), now=NOW))
    for team in data["money"]["teams"]:
        number = team["team"]["number"]
        assert Decimal(team["planned"]) == planned[number]
        assert Decimal(team["estimate_min"] or 0) == estimates_min[number]
        assert Decimal(team["estimate_max"] or 0) == estimates_max[number]
        assert team["approved"] == team["realised"] == "0.00"
        assert Decimal(team["remaining"]) == planned[number]


def test_approvals_move_the_money_of_their_line_and_year():
    line = Team.objects.get(programme__slug="cdor", number=1).budget_lines.order_by(
        "period__start_year"
    )[0]
    SpendingRequestFactory(budget_line=line, amount=Decimal("1250.50"), approved=True)
    data = as_data(dashboard_figures(programme=_programme(), now=NOW))
    (ot1,) = [t for t in data["money"]["teams"] if t["team"]["number"] == 1]
    assert ot1["approved"] == "1250.50"
    assert Decimal(ot1["remaining"]) == Decimal(ot1["planned"]) - Decimal("1250.50")
    (year,) = [y for y in data["money"]["years"] if y["year"] == line.period.start_year]
    assert year["committed"] == "1250.50"


def test_progress_per_team_counts_the_statuses_and_the_planning():
    today = timezone.localdate(NOW).replace(day=1)
    dashboard = dashboard_figures(programme=_programme(), now=NOW)
    for row in dashboard.progress:
        mine = [a for a in _activities() if _team_number(a) == row.team.number]
        assert row.total == len(mine)
        assert row.by_status == {
            status: sum(1 for a in mine if a["status"] == status) for status in row.by_status
        }
        assert row.started == sum(1 for a in mine if a["status"] in ("in_progress", "done"))
        assert row.due == sum(
            1
            for a in mine
            if a["start_month"]
            and datetime.date.fromisoformat(a["start_month"]) <= today
            and a["status"] != "cancelled"
        )
        assert row.past_end == sum(
            1
            for a in mine
            if a["end_month"]
            and datetime.date.fromisoformat(a["end_month"]) < today
            and a["status"] not in ("done", "cancelled")
        )
    assert sum(row.due for row in dashboard.progress) > 0


def test_the_open_points_match_the_plan():
    rows = _activities()
    expected = {
        "planning_open": sum(1 for a in rows if a["planning_kind"] == "tbd"),
        "estimate_open": sum(
            1 for a in rows if a["estimate_min"] is None and is_undecided(a["estimate_text"])
        ),
        "responsible_open": sum(1 for a in rows if is_undecided(a["responsible"])),
        "estimate_doubtful": sum(1 for a in rows if a["estimate_doubtful"]),
    }
    data = as_data(dashboard_figures(programme=_programme(), now=NOW))
    assert {name: data["open_points"][name] for name in expected} == expected
    assert data["open_points"]["activities"] == len(rows) == 48
    assert expected["planning_open"] > 0 and expected["responsible_open"] > 0


def test_workshops_per_team_and_case_and_the_cases_no_team_has_worked_with():
    ot5 = Team.objects.get(programme__slug="cdor", number=5)
    first, second = WorkshopSlotFactory(team=ot5), WorkshopSlotFactory(team=ot5, days=9)
    case_a = CaseFactory(programme=ot5.programme, title="Casus A")
    case_b = CaseFactory(programme=ot5.programme, title="Casus B")
    BookingFactory(slot=first, case=case_a, confirmed=True)
    BookingFactory(slot=second, case=case_a)
    held = BookingFactory(slot=second, case=case_b)
    Booking.objects.filter(pk=held.pk).update(state=BookingState.HELD)  # set-up only
    cases = Case.objects.filter(programme__slug="cdor").count()
    dashboard = dashboard_figures(programme=_programme(), now=NOW)
    (team,) = [row for row in dashboard.team_bookings if row.subject == ot5]
    assert (team.requested, team.confirmed, team.held) == (1, 1, 1)
    assert all(
        (row.requested, row.confirmed, row.held) == (0, 0, 0)
        for row in dashboard.team_bookings
        if row.subject != ot5
    )
    by_case = {row.subject: row for row in dashboard.case_bookings}
    assert (by_case[case_a].requested, by_case[case_a].confirmed, by_case[case_a].held) == (
        1,
        1,
        0,
    )
    assert (by_case[case_b].requested, by_case[case_b].confirmed, by_case[case_b].held) == (
        0,
        0,
        1,
    )
    assert dashboard.case_bookings[0].subject == case_a  # most booked first
    assert dashboard.case_booking_count == 2
    assert dashboard.untouched_case_count == cases - 2
    assert case_a not in dashboard.untouched_cases and len(dashboard.untouched_cases) <= LIST_SIZE


def test_requests_waiting_for_a_decision_longest_first_with_their_days():
    line = Team.objects.get(programme__slug="cdor", number=2).budget_lines.get(
        period__label="2022-2023"
    )
    older = SpendingRequestFactory(budget_line=line, submitted=True, title="Oud verzoek")
    newer = SpendingRequestFactory(budget_line=line, submitted=True, title="Nieuw verzoek")
    SpendingRequestFactory(budget_line=line, approved=True)
    now = timezone.now()
    SpendingRequest.objects.filter(pk=older.pk).update(
        submitted_at=now - datetime.timedelta(days=12, hours=1)
    )
    SpendingRequest.objects.filter(pk=newer.pk).update(
        submitted_at=now - datetime.timedelta(days=2)
    )
    waiting = dashboard_figures(programme=_programme(), now=now).waiting
    assert waiting.count == 2
    assert [r.pk for r in waiting.oldest] == [older.pk, newer.pk]
    assert [r.waited_days for r in waiting.oldest] == [12, 2]
    assert all(r.state == SpendingState.SUBMITTED for r in waiting.oldest)


def test_the_ot5_case_table_against_its_lines_as_the_fixtures_have_them():
    cases = {
        row["slug"]: row["lead_team"] and row["lead_team"][1]
        for row in _rows("cdor_02_cases", "cases.case")
    }
    costs = Counter()
    for row in _rows("cdor_02_cases", "cases.casecost"):
        if cases[row["case"][1]] == 5:
            period = "2021" if row["year"] == 2021 else "2022-2023"
            costs[period] += Decimal(row["amount"])
    lines = {
        row["period"][1]: Decimal(row["amount"])
        for row in _rows("cdor_04_budgets", "budgets.budgetline")
        if row["team"][1] == 5
    }
    data = as_data(dashboard_figures(programme=_programme(), now=NOW))
    shown = {d["period"]: d for d in data["differences"]}
    assert set(shown) == {period for period in costs if costs[period] != lines[period]}
    for period, difference in shown.items():
        assert Decimal(difference["case_costs"]) == costs[period]
        assert Decimal(difference["line"]) == lines[period]
        assert Decimal(difference["difference"]) == costs[period] - lines[period]


def test_the_figures_are_plain_data():
    data = as_data(dashboard_figures(programme=_programme(), now=NOW))
    assert json.loads(json.dumps(data)) == data
    assert {d["team"]["code"] for d in data["differences"]} == {"OT5"}
    for difference in data["differences"]:
        assert Decimal(difference["difference"]) == Decimal(difference["case_costs"]) - Decimal(
            difference["line"]
        )


def test_the_query_count_is_the_same_at_two_sizes():
    programme = _programme()
    dashboard_figures(programme=programme)
    with CaptureQueriesContext(connection) as small:
        as_data(dashboard_figures(programme=programme))
    teams = list(Team.objects.filter(programme=programme))
    with zeal_ignore():  # set-up, row by row
        for n, team in enumerate(teams * 5):
            ActivityFactory(team=team, order=700 + n, responsible="ntb")
            line = team.budget_lines.get(period__label="2022-2023")
            SpendingRequestFactory(budget_line=line, submitted=True)
            slot = WorkshopSlotFactory(team=team, days=5 + n)
            BookingFactory(slot=slot, confirmed=n % 2 == 0)
    with CaptureQueriesContext(connection) as large:
        as_data(dashboard_figures(programme=programme))
    assert len(large) == len(small)
