"""The update's workbook, opened again with openpyxl: its sheets, the summary's and the
money's values against the dashboard's figures, the open points against the plan, the
changes as given, euro formats, and text that no spreadsheet program runs."""

import datetime
import json
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from activities.excel import EURO_FORMAT
from activities.selectors import is_undecided, mark_open, planning_teams
from reporting.figures import as_data, dashboard_figures
from reporting.report import report_xlsx
from teams.models import Programme

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _book(changes=None):
    programme = Programme.objects.get(slug="cdor")
    data = as_data(dashboard_figures(programme=programme))
    teams = planning_teams(programme=programme)
    for team in teams:
        mark_open(team.planning_activities)
    content = report_xlsx(data=data, teams=teams, changes=changes)
    return data, load_workbook(BytesIO(content))


def _rows(sheet):
    return list(sheet.iter_rows(min_row=2, values_only=True))


def test_the_summary_has_a_row_per_team_with_its_money_and_progress():
    data, book = _book()
    sheet = book["Overzicht"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = {row[0]: row for row in _rows(sheet)[:6]}
    for team in data["money"]["teams"]:
        row = rows[f"{team['team']['code']} {team['team']['name']}"]
        assert row[1] == Decimal(team["planned"])
        assert row[6] == Decimal(team["remaining"])
    assert sheet["B2"].number_format == EURO_FORMAT
    labels = [row[0] for row in _rows(sheet)[6:]]
    assert "Begrotingsregels 2022-2023" in labels
    gap = next(row for row in _rows(sheet) if row[0] == "Boven de ruimte, minstens")
    assert gap[1] == Decimal("360000.00")


def test_the_money_sheet_lists_every_budget_line():
    data, book = _book()
    rows = _rows(book["Geld"])
    lines = [line for period in data["money"]["periods"] for line in period["lines"]]
    assert len(rows) == len(lines) == 12
    assert sum(row[2] for row in rows) == Decimal("1510000.00")  # 150.000 + 1.360.000


def test_the_open_points_sheet_lists_the_activities_the_plan_leaves_open():
    rows = json.loads((FIXTURES / "cdor_03_activities.json").read_text(encoding="utf-8"))
    expected = sum(
        1
        for row in rows
        if row["model"] == "activities.activity"
        and (
            row["fields"]["planning_kind"] == "tbd"
            or (
                row["fields"]["estimate_min"] is None
                and is_undecided(row["fields"]["estimate_text"])
            )
            or is_undecided(row["fields"]["responsible"])
            or row["fields"]["estimate_doubtful"]
        )
    )
    _data, book = _book()
    assert len(_rows(book["Openstaande punten"])) == expected > 0


def test_the_changes_are_written_as_text_that_runs_nothing():
    changes = [
        {
            "kind": "Status",
            "team": "OT1",
            "title": '=HYPERLINK("x")',
            "before": "Gepland",
            "after": "+1",
        },
    ]
    _data, book = _book(changes)
    sheet = book["Wijzigingen"]
    (row,) = _rows(sheet)
    assert row[2] == '\'=HYPERLINK("x")' and row[4] == "'+1"
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_without_a_snapshot_the_changes_sheet_says_so():
    _data, book = _book(None)
    texts = [row[0] for row in _rows(book["Wijzigingen"])]
    assert "Er is nog geen momentopname om mee te vergelijken." in texts


def test_a_sheet_per_team_with_its_planning():
    _data, book = _book()
    for number in range(1, 7):
        sheet = book[f"OT{number}"]
        assert all(row[0] == f"OT{number}" for row in _rows(sheet))
    assert sum(len(_rows(book[f"OT{n}"])) for n in range(1, 7)) == 48
    assert isinstance(book["OT1"]["H2"].value, datetime.datetime)
