"""The planning as Excel files: a team's and the programme's, on the pages and in the API,
opened again with openpyxl."""

import datetime
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.db.models import Count, Max, Min, Sum
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activities import excel
from activities.models import Activity, ActivityStatus, PlanningKind
from activities.selectors import planning_teams
from teams.models import Programme, Team
from tests import roles
from tests.factories import ActivityFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

# The columns of a team's sheet, by position.
TEAM, ID, NO, TITLE, GOAL, PLANNING, KIND, START, END = range(9)
ESTIMATE, MIN, MAX, DOUBT, STATUS, RESPONSIBLE, CASES, EXPLANATION, RESULT, NOTE = range(9, 19)
COLUMNS = 19


def _workbook(response):
    return load_workbook(BytesIO(b"".join(response)))


def _team(number: int) -> Team:
    return Team.objects.get(programme__slug="cdor", number=number)


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _month(value) -> datetime.date | None:
    return None if value is None else value.date()


# --- a team's planning (the page) -------------------------------------------------------


def test_a_team_export_is_an_xlsx_with_a_dutch_file_name(client_as):
    response = client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[1]))
    assert response.status_code == 200
    assert response["Content-Type"] == excel.CONTENT_TYPE
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="planning-OT1-{today}.xlsx"'
    assert zipfile.is_zipfile(BytesIO(b"".join(response)))


@pytest.mark.parametrize("number", range(1, 7))
def test_every_activity_of_the_team_is_in_its_row_with_exact_amounts(client_as, number):
    team = _team(number)
    book = _workbook(client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[number])))
    assert book.sheetnames == [team.code]
    sheet = book[team.code]
    activities = list(
        team.activities.select_related("goal").prefetch_related("cases").order_by("order")
    )
    rows = _rows(sheet)
    assert len(rows) == len(activities) > 0
    for row, activity in zip(rows, activities, strict=True):
        assert len(row) == COLUMNS
        assert row[TEAM] == team.code
        assert (row[ID], row[NO]) == (activity.pk, activity.order)
        assert excel.unguard_text(row[TITLE]) == activity.title
        assert excel.unguard_text(row[PLANNING] or "") == activity.planning_label
        assert row[KIND] == PlanningKind(activity.planning_kind).label
        assert (_month(row[START]), _month(row[END])) == (activity.start_month, activity.end_month)
        assert excel.unguard_text(row[ESTIMATE] or "") == activity.estimate_text
        assert _amount(row[MIN]) == activity.estimate_min
        assert _amount(row[MAX]) == activity.estimate_max
        assert row[DOUBT] is activity.estimate_doubtful
        assert row[STATUS] == ActivityStatus(activity.status).label
        assert (row[RESPONSIBLE] or "") == activity.responsible
        assert (row[CASES] or "") == "; ".join(sorted(c.title for c in activity.cases.all()))
        if activity.goal is not None:
            assert activity.goal.title in row[GOAL]
        assert excel.unguard_text(row[EXPLANATION] or "") == activity.explanation


def test_the_plan_s_words_stand_beside_what_the_portal_read_from_them(client_as):
    """OT1's first activity as the plan has it: "najaar '21 - zomer '22", "ca. 50-60k"."""
    activity = _team(1).activities.order_by("order").first()
    book = _workbook(client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[1])))
    row = _rows(book["OT1"])[0]
    assert row[PLANNING] == activity.planning_label == "najaar ’21 – zomer ‘22"
    assert (_month(row[START]), _month(row[END])) == (
        datetime.date(2021, 9, 1),
        datetime.date(2022, 8, 1),
    )
    assert row[ESTIMATE] == "ca. 50-60k"
    assert (_amount(row[MIN]), _amount(row[MAX])) == (Decimal("50000.00"), Decimal("60000.00"))


def test_euro_and_month_formats_a_frozen_filtered_header_and_widths(client_as):
    book = _workbook(client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[1])))
    sheet = book["OT1"]
    count = _team(1).activities.count()
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{count + 1}"
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.value for cell in sheet[1])
    for row in sheet.iter_rows(min_row=2):
        assert row[MIN].number_format == row[MAX].number_format == excel.EURO_FORMAT
        assert row[START].number_format == row[END].number_format == excel.MONTH_FORMAT
        if row[START].value is not None:
            assert row[START].is_date
    assert sheet.column_dimensions["D"].width == 45
    assert all(sheet.column_dimensions[letter].width >= 6 for letter in "ABCDEFGHIJKLMNOPQRS")


def test_the_headers_speak_the_user_s_language(client_as):
    client = client_as(roles.DIRECTOR)
    dutch = _workbook(client.get(reverse("team-planning-export", args=[1])))
    assert [c.value for c in dutch["OT1"][1]][TITLE] == "Titel"
    client.post(reverse("set_language"), {"language": "en"})
    english = _workbook(client.get(reverse("team-planning-export", args=[1])))
    assert [c.value for c in english["OT1"][1]][TITLE] == "Title"


def test_a_team_without_activities_gets_a_header_only(client_as):
    team = _team(2)
    team.activities.all().delete()
    book = _workbook(client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[2])))
    sheet = book["OT2"]
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:S2"


def test_an_unknown_team_is_a_404(client_as):
    response = client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[99]))
    assert response.status_code == 404


def test_a_user_without_a_role_is_refused(client):
    client.force_login(UserFactory())
    for url in (reverse("team-planning-export", args=[1]), reverse("planning-export")):
        assert client.get(url).status_code == 403


# --- text that a spreadsheet program could run -----------------------------------------

DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", DANGEROUS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_text_that_looks_like_a_formula_is_written_as_guarded_text(client_as, start):
    payload = f'{start}HYPERLINK("https://evil.example","klik")'
    activity = _team(1).activities.order_by("order").first()
    # Straight to the table: a page's form would refuse some of these; an import may not.
    Activity.objects.filter(pk=activity.pk).update(
        title=payload,
        responsible=payload,
        planning_label=payload,
        estimate_text=payload,
        explanation=payload,
    )
    content = b"".join(client_as(roles.DIRECTOR).get(reverse("team-planning-export", args=[1])))

    sheet = load_workbook(BytesIO(content))["OT1"]
    row = sheet[2]
    # XML reads a carriage return in text as a line feed: the guard still stands before it.
    read_back = payload.replace("\r", "\n")
    for column in (TITLE, PLANNING, ESTIMATE, RESPONSIBLE, EXPLANATION):
        cell = row[column]
        assert cell.data_type == "s"
        assert cell.value == "'" + read_back
        assert excel.unguard_text(cell.value) == read_back
    assert not any(cell.data_type == "f" for r in sheet.iter_rows() for cell in r)
    # No formula anywhere in the file as a spreadsheet program reads it.
    with zipfile.ZipFile(BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_the_guard_leaves_other_text_alone_and_drops_what_xml_cannot_hold():
    assert excel.guard_text("najaar '21 - zomer '22") == "najaar '21 - zomer '22"
    assert excel.guard_text("'quoted") == "'quoted"
    assert excel.unguard_text("'quoted") == "'quoted"
    assert excel.guard_text("a\x00b\x1fc") == "abc"
    assert excel.guard_text("\x00=1+1") == "'=1+1"
    for start in DANGEROUS:
        assert excel.unguard_text(excel.guard_text(start + "x")) == start + "x"


# --- the whole programme -----------------------------------------------------------------


def test_the_programme_export_has_a_summary_and_a_sheet_per_team(client_as):
    response = client_as(roles.team_lead(5)).get(reverse("planning-export"))
    assert response.status_code == 200
    assert response["Content-Type"] == excel.CONTENT_TYPE
    today = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="programmaplanning-{today}.xlsx"'
    )
    book = _workbook(response)
    assert book.sheetnames == ["Overzicht", "OT1", "OT2", "OT3", "OT4", "OT5", "OT6"]
    for number in range(1, 7):
        team = _team(number)
        rows = _rows(book[team.code])
        assert [row[ID] for row in rows] == list(
            team.activities.order_by("order").values_list("pk", flat=True)
        )
        assert book[team.code].freeze_panes == "A2"


def test_the_summary_sums_the_estimates_of_each_team_exactly(client_as):
    book = _workbook(client_as(roles.CORE_TEAM).get(reverse("planning-export")))
    summary = book["Overzicht"]
    assert summary.freeze_panes == "A2"
    assert summary.auto_filter.ref == "A1:I7"
    expected = (
        Team.objects.filter(programme__slug="cdor")
        .annotate(
            n=Count("activities"),
            low=Sum("activities__estimate_min"),
            high=Sum("activities__estimate_max"),
            first=Min("activities__start_month"),
            last=Max("activities__end_month"),
        )
        .order_by("number")
    )
    rows = _rows(summary)
    assert len(rows) == 6
    for row, team in zip(rows, expected, strict=True):
        assert row[:3] == (team.code, team.name, team.n)
        assert (_amount(row[5]), _amount(row[6])) == (team.low, team.high)
        assert (_month(row[7]), _month(row[8])) == (team.first, team.last)
    for cells in summary.iter_rows(min_row=2):
        assert cells[5].number_format == cells[6].number_format == excel.EURO_FORMAT
        assert cells[7].number_format == excel.MONTH_FORMAT
    assert (
        sum(row[2] for row in rows) == Activity.objects.filter(team__programme__slug="cdor").count()
    )


def test_the_builder_is_pure_given_the_rows(django_assert_num_queries):
    programme = Programme.objects.get(slug="cdor")
    teams = planning_teams(programme=programme)
    with django_assert_num_queries(0):
        content = excel.programme_planning_xlsx(programme, teams)
    assert load_workbook(BytesIO(content)).sheetnames[1:] == [t.code for t in teams]


# --- the links on the pages ----------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["team-detail", "team-activities"])
def test_the_team_pages_link_to_both_exports(client_as, url_name):
    html = client_as(roles.case_owner(roles.DORDRECHT)).get(reverse(url_name, args=[3]))
    content = html.content.decode()
    assert f'href="{reverse("team-planning-export", args=[3])}"' in content
    assert f'href="{reverse("planning-export")}"' in content


def test_the_programme_export_leaves_other_programmes_out(client_as):
    ActivityFactory(team=TeamFactory(number=1), title="Van een ander programma")
    book = _workbook(client_as(roles.DIRECTOR).get(reverse("planning-export")))
    assert len(book.sheetnames) == 7
    titles = [row[TITLE] for row in _rows(book["OT1"])]
    assert "Van een ander programma" not in titles
    assert len(_rows(book["Overzicht"])) == 6
