"""The planning as an Excel workbook: one team's, or the whole programme's (a sheet per
team and a summary). A pure builder: it gets the rows, it reads nothing and knows no HTTP.

Every sheet has one header row, frozen and with an auto filter, amounts in euros and
months as months, and the plan's own words (planning, estimate) beside what the portal
read from them.

Text that a spreadsheet program could take for a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab, a carriage return or a line feed) is written as a text cell (data type ``s``,
never ``f``) with an apostrophe before it: the cell is text in the file, and stays text
when someone edits it, saves it as CSV or pastes it elsewhere. An import must take that
one apostrophe off again (``unguard_text``).
"""

import datetime
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from activities.models import Activity, ActivityStatus, PlanningKind

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EURO_FORMAT = '"€" #,##0.00'
MONTH_FORMAT = "mmm yyyy"

# What a spreadsheet program may read as the start of a formula (OWASP's list), and a
# line feed: XML reads a carriage return back as one, so a guarded "\r..." comes back
# as "'\n..." and must still lose its apostrophe on import.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
GUARD = "'"


def guard_text(text: str) -> str:
    """``text`` as it goes into a cell: characters XML cannot hold left out, and an
    apostrophe before a text that a spreadsheet program could run as a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def unguard_text(text: str) -> str:
    """The reverse of ``guard_text`` for a cell read back: one apostrophe before a
    formula start taken off."""
    if text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    number_format: str | None = None
    wrap: bool = False


def _planning_columns() -> list[Column]:
    return [
        Column(_("Team"), 7),
        Column(_("ID"), 8),
        Column(_("No."), 6),
        Column(_("Title"), 45, wrap=True),
        Column(_("Goal / work group"), 30, wrap=True),
        Column(_("Planning (as in the plan)"), 24),
        Column(_("Kind of planning"), 16),
        Column(_("Start month"), 12, MONTH_FORMAT),
        Column(_("End month"), 12, MONTH_FORMAT),
        Column(_("Estimate (as in the plan)"), 20),
        Column(_("Estimate minimum (EUR)"), 16, EURO_FORMAT),
        Column(_("Estimate maximum (EUR)"), 16, EURO_FORMAT),
        Column(_("Estimate in doubt"), 10),
        Column(_("Status"), 16),
        Column(_("Responsible"), 24),
        Column(_("Cases"), 30, wrap=True),
        Column(_("Explanation"), 50, wrap=True),
        Column(_("Result"), 40, wrap=True),
        Column(_("Note"), 30, wrap=True),
    ]


def goal_label(goal) -> str:
    """A goal as its column shows it: "A. title", or the title of a goal without letter;
    the import matches it back (``excel_import``)."""
    if goal is None:
        return ""
    return f"{goal.letter}. {goal.title}" if goal.letter else goal.title


# The text between the case titles of the cases column.
CASES_SEPARATOR = "; "


def _planning_row(team, activity: Activity) -> list:
    return [
        team.code,
        activity.pk,
        activity.order,
        activity.title,
        goal_label(activity.goal),
        activity.planning_label,
        str(PlanningKind(activity.planning_kind).label),
        activity.start_month,
        activity.end_month,
        activity.estimate_text,
        activity.estimate_min,
        activity.estimate_max,
        activity.estimate_doubtful,
        str(ActivityStatus(activity.status).label),
        activity.responsible,
        CASES_SEPARATOR.join(case.title for case in activity.cases.all()),
        activity.explanation,
        activity.result,
        activity.note,
    ]


def write_sheet(sheet: Worksheet, columns: list[Column], rows: list[list]) -> None:
    """The header row (bold, frozen, filtered), the rows with their formats, the widths.

    One style object per column, and rows numbered here rather than asked of the sheet
    (``max_row`` looks at every cell): a sheet of thousands of rows is written in a
    time that grows with its cells, not with their square."""
    sheet.append([column.header for column in columns])
    header_alignment = Alignment(vertical="top", wrap_text=True)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = header_alignment
    alignments = [Alignment(vertical="top", wrap_text=column.wrap) for column in columns]
    last_row = 1
    for last_row, values in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = sheet.cell(row=last_row, column=index)
            if isinstance(value, str):
                value = guard_text(value) or None
            cell.value = value
            if isinstance(value, str):
                # Text, said explicitly: openpyxl makes a formula of a text with "=".
                cell.data_type = "s"
            if column.number_format:
                cell.number_format = column.number_format
            cell.alignment = alignments[index - 1]
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last_row, 2)}"


def team_planning_sheet(sheet: Worksheet, team) -> None:
    """``sheet`` named after the team (``OT1``), a row per activity of
    ``team.planning_activities``."""
    sheet.title = team.code
    write_sheet(
        sheet, _planning_columns(), [_planning_row(team, a) for a in team.planning_activities]
    )


def _summary_columns() -> list[Column]:
    return [
        Column(_("Team"), 7),
        Column(_("Name"), 30, wrap=True),
        Column(_("Activities"), 11),
        Column(_("Planning to be decided"), 14),
        Column(_("Estimates in doubt"), 12),
        Column(_("Estimates, minimum (EUR)"), 18, EURO_FORMAT),
        Column(_("Estimates, maximum (EUR)"), 18, EURO_FORMAT),
        Column(_("First start month"), 14, MONTH_FORMAT),
        Column(_("Last end month"), 14, MONTH_FORMAT),
    ]


def _summary_row(team) -> list:
    return [
        team.code,
        team.name,
        team.planning_count,
        team.planning_undecided,
        team.planning_doubtful,
        team.planning_min_total,
        team.planning_max_total,
        team.planning_first_month,
        team.planning_last_month,
    ]


def team_planning_filename(team, day: datetime.date) -> str:
    """The file's name, e.g. ``planning-OT1-2021-10-14.xlsx``."""
    return _("planning-%(team)s-%(date)s.xlsx") % {"team": team.code, "date": day.isoformat()}


def programme_planning_filename(day: datetime.date) -> str:
    """The file's name, in Dutch ``programmaplanning-2021-10-14.xlsx``."""
    return _("programme-planning-%(date)s.xlsx") % {"date": day.isoformat()}


def to_bytes(workbook: Workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def team_planning_xlsx(team) -> bytes:
    """One team's planning: one sheet named after the team (``OT1``), a row per activity.

    ``team.planning_activities`` holds the activities in the plan's order, each with its
    goal and cases (``activities.selectors.planning_teams``)."""
    workbook = Workbook()
    team_planning_sheet(workbook.active, team)
    return to_bytes(workbook)


def programme_planning_xlsx(programme, teams) -> bytes:
    """The whole programme: a summary sheet with a row per team (counts, estimate totals,
    first and last month), then a sheet per team as in ``team_planning_xlsx``."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Summary")
    write_sheet(summary, _summary_columns(), [_summary_row(team) for team in teams])
    for team in teams:
        team_planning_sheet(workbook.create_sheet(), team)
    workbook.properties.title = str(programme)
    return to_bytes(workbook)
