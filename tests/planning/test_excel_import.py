"""The parser of a team's planning in the export's layout: the round trip, every row's
errors with row and column, and each kind of file it refuses before reading."""

import datetime
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from activities import excel, excel_import
from activities.excel_import import FileRefused, parse_team_planning
from activities.selectors import planning_teams
from cases.models import Case
from teams.models import Programme

pytestmark = pytest.mark.django_db


def _export(number: int = 1):
    programme = Programme.objects.get(slug="cdor")
    team = next(t for t in planning_teams(programme=programme) if t.number == number)
    return team, excel.team_planning_xlsx(team)


def _ids(team) -> set[int]:
    return {activity.pk for activity in team.planning_activities}


def _edited(content: bytes, edit) -> bytes:
    book = load_workbook(BytesIO(content))
    edit(book.active)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _parse(team, content):
    return parse_team_planning(
        content,
        team=team,
        activity_ids=_ids(team),
        goals=team.goals.all(),
        cases=Case.objects.filter(programme_id=team.programme_id),
    )


@pytest.mark.parametrize("number", range(1, 7))
def test_an_unchanged_export_reads_back_as_it_was(number):
    team, content = _export(number)
    parsed = _parse(team, content)
    assert parsed.errors == []
    assert len(parsed.rows) == len(team.planning_activities)
    for row, activity in zip(parsed.rows, team.planning_activities, strict=True):
        assert row["id"] == activity.pk and row["order"] == activity.order
        assert row["title"] == activity.title.strip()
        assert row["planning_label"] == activity.planning_label.strip()
        assert row["planning_kind"] == activity.planning_kind
        assert (row["start_month"], row["end_month"]) == (activity.start_month, activity.end_month)
        assert row["estimate_text"] == activity.estimate_text.strip()
        assert (row["estimate_min"], row["estimate_max"]) == (
            activity.estimate_min,
            activity.estimate_max,
        )
        assert row["estimate_doubtful"] is activity.estimate_doubtful
        assert row["status"] == activity.status


def test_each_bad_cell_is_named_by_row_and_column():
    team, content = _export()

    def edit(sheet):
        sheet["H2"] = "voorjaar"  # start month
        sheet["K3"] = "veel"  # minimum
        sheet["K4"], sheet["L4"] = 5000, 1000  # maximum below minimum
        sheet["N5"] = "Bezig"  # no status
        sheet["D6"] = None  # no title

    parsed = _parse(team, _edited(content, edit))
    found = {(e.row, e.column) for e in parsed.errors}
    assert found == {
        (2, "Beginmaand"),
        (3, "Ondergrens raming (EUR)"),
        (4, "Bovengrens raming (EUR)"),
        (5, "Status"),
        (6, "Titel"),
    }


def test_rows_of_another_team_are_refused():
    team, content = _export(1)
    other, _other_content = _export(2)
    other_id = other.planning_activities[0].pk

    def edit(sheet):
        sheet["A2"] = "OT2"
        sheet["B3"] = other_id
        sheet["B4"] = sheet["B5"].value

    parsed = _parse(team, _edited(content, edit))
    assert {(e.row, e.column) for e in parsed.errors} == {(2, "Team"), (3, "ID"), (5, "ID")}


def test_a_formula_is_refused_in_its_cell():
    team, content = _export()
    parsed = _parse(team, _edited(content, lambda sheet: sheet.__setitem__("K2", "=1+1")))
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "Ondergrens raming (EUR)")]


def test_guarded_text_reads_back_without_its_apostrophe():
    team, content = _export()
    parsed = _parse(team, _edited(content, lambda sheet: sheet.__setitem__("O2", "'=SUM(A1)")))
    assert parsed.errors == []
    assert parsed.rows[0]["responsible"] == "=SUM(A1)"


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda sheet: sheet.delete_cols(19), "ontbrekende kolommen: Opmerking"),
        (lambda sheet: sheet.__setitem__("T1", "Extra"), "onbekende kolommen: Extra"),
    ],
    ids=["missing", "unknown"],
)
def test_missing_or_unknown_columns_refuse_the_file(edit, words):
    team, content = _export()
    with pytest.raises(FileRefused, match=words):
        _parse(team, _edited(content, edit))


def test_more_rows_than_the_limit_refuse_the_file(monkeypatch):
    team, content = _export()
    monkeypatch.setattr(excel_import, "MAX_ROWS", 3)
    with pytest.raises(FileRefused, match="meer dan 3 rijen"):
        _parse(team, content)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_part(content: bytes, name: str, data: bytes) -> bytes:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    return _zip({**parts, name: data})


def test_files_that_are_no_workbook_are_refused():
    team, content = _export()
    for bad in (
        b"Titel;Planning\n=cmd|' /C calc'!A0;ntb\n",  # a .txt or .csv renamed
        b"",
        b"PK\x03\x04 not really a zip",
        _zip({"readme.txt": b"hallo"}),
        content[: len(content) // 2],
    ):
        with pytest.raises(FileRefused, match="geen Excel-werkmap"):
            _parse(team, bad)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    team, content = _export()
    bomb = _with_part(content, "xl/media/zeros.bin", b"\0" * (excel_import.MAX_UNPACKED_BYTES + 1))
    assert len(bomb) < excel_import.MAX_FILE_BYTES

    def unpacked(*args, **kwargs):
        raise AssertionError("a part was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpacked)
    with pytest.raises(FileRefused, match="te groot"):
        _parse(team, bomb)


def test_a_large_file_is_refused_by_its_size():
    team, _content = _export()
    with pytest.raises(FileRefused, match="groter dan"):
        _parse(team, b"PK\x03\x04" + b"\0" * excel_import.MAX_FILE_BYTES)


@pytest.mark.parametrize(
    "part", ["xl/vbaProject.bin", "xl/macrosheets/sheet1.xml", "xl/activeX/activeX1.bin"]
)
def test_macros_are_refused(part):
    team, content = _export()
    with pytest.raises(FileRefused, match="macro"):
        _parse(team, _with_part(content, part, b"\x00macro"))


def test_a_printer_s_settings_are_no_macro():
    team, content = _export()
    printer = _with_part(content, "xl/printerSettings/printerSettings1.bin", b"\x00")
    assert _parse(team, printer).errors == []


def test_a_second_sheet_is_refused():
    team, content = _export()
    book = load_workbook(BytesIO(content))
    book.create_sheet("Extra")
    out = BytesIO()
    book.save(out)
    with pytest.raises(FileRefused, match="één blad"):
        _parse(team, out.getvalue())


def test_an_empty_workbook_is_refused():
    team, _content = _export()
    out = BytesIO()
    Workbook().save(out)
    with pytest.raises(FileRefused, match="ontbrekende kolommen"):
        _parse(team, out.getvalue())


def test_months_are_read_as_first_days_and_amounts_exactly():
    team, content = _export()

    def edit(sheet):
        sheet["H2"] = datetime.datetime(2022, 3, 15)
        sheet["I2"] = datetime.datetime(2022, 9, 30)
        sheet["K2"], sheet["L2"] = 12500.5, "60000"

    row = _parse(team, _edited(content, edit)).rows[0]
    assert (row["start_month"], row["end_month"]) == (
        datetime.date(2022, 3, 1),
        datetime.date(2022, 9, 1),
    )
    assert (row["estimate_min"], row["estimate_max"]) == (Decimal("12500.50"), Decimal("60000.00"))


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_xml_entities_are_refused():
    team, content = _export()
    with zipfile.ZipFile(BytesIO(content)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = laughs + sheet[sheet.index(b"<worksheet") :]
    with pytest.raises(FileRefused, match="geen Excel-werkmap"):
        _parse(team, _zip(parts))


def test_goals_are_matched_by_label_letter_or_title_and_cases_by_title():
    team, content = _export(1)
    goals = {goal.letter: goal for goal in team.goals.all()}
    cases = list(Case.objects.filter(programme_id=team.programme_id).order_by("title")[:2])

    def edit(sheet):
        sheet["E2"] = f"A. {goals['A'].title}"  # as the export writes it
        sheet["E3"] = "b"  # the letter alone, in either case
        sheet["E4"] = goals["C"].title  # the exact title
        sheet["E5"] = None  # no goal
        sheet["P2"] = "; ".join(case.title for case in cases)
        sheet["P3"] = None

    rows = _parse(team, _edited(content, edit)).rows
    assert [row["goal"] for row in rows[:4]] == [goals["A"], goals["B"], goals["C"], None]
    assert (rows[0]["cases"], rows[1]["cases"]) == (cases, [])


@pytest.mark.parametrize(
    ("cell", "value", "column"),
    [
        ("E2", "Z", "Doelstelling / werkgroep"),
        ("E2", "Een doel dat er niet is", "Doelstelling / werkgroep"),
        ("P2", "Een casus die er niet is", "Casussen"),
    ],
)
def test_an_unknown_goal_or_case_is_an_error_in_its_cell(cell, value, column):
    team, content = _export(1)
    parsed = _parse(team, _edited(content, lambda sheet: sheet.__setitem__(cell, value)))
    assert [(e.row, e.column) for e in parsed.errors] == [(2, column)]


def test_a_goal_of_another_team_is_no_goal_of_this_one():
    team, content = _export(1)
    other = Programme.objects.get(slug="cdor").teams.get(number=2).goals.first()
    parsed = _parse(team, _edited(content, lambda sheet: sheet.__setitem__("E2", other.title)))
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "Doelstelling / werkgroep")]


def test_an_english_export_reads_in_a_dutch_session_and_the_other_way_round():
    programme = Programme.objects.get(slug="cdor")
    [team] = [t for t in planning_teams(programme=programme) if t.number == 2]
    goals, cases = list(team.goals.all()), list(Case.objects.filter(programme=programme))
    for written, read in (("en", "nl"), ("nl", "en")):
        with translation.override(written):
            content = excel.team_planning_xlsx(team)
        with translation.override(read):
            parsed = parse_team_planning(
                content, team=team, activity_ids=_ids(team), goals=goals, cases=cases
            )
        assert parsed.errors == []
        assert [row["status"] for row in parsed.rows] == [
            a.status for a in team.planning_activities
        ]
        assert [row["planning_kind"] for row in parsed.rows] == [
            a.planning_kind for a in team.planning_activities
        ]


def test_labels_of_either_language_and_empty_choices_are_read():
    team, content = _export(1)

    def edit(sheet):
        sheet["G2"], sheet["N2"] = "Ongoing", "In uitvoering"
        sheet["G3"], sheet["N3"] = "doorlopend", "done"
        sheet["G4"], sheet["N4"] = None, None
        sheet["M4"] = "ja"

    parsed = _parse(team, _edited(content, edit))
    assert parsed.errors == []
    assert [(r["planning_kind"], r["status"]) for r in parsed.rows[:3]] == [
        ("ongoing", "in_progress"),
        ("ongoing", "done"),
        (None, None),
    ]
    assert parsed.rows[2]["estimate_doubtful"] is True


def test_a_header_row_of_mixed_languages_is_refused():
    team, content = _export(1)
    with pytest.raises(FileRefused, match="onbekende kolommen: Title"):
        _parse(team, _edited(content, lambda sheet: sheet.__setitem__("D1", "Title")))
