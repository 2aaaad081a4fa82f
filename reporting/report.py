"""The directors' update as an Excel workbook: a summary, the money, the open points, what
changed since the last snapshot, and a sheet per team with its planning. A pure builder:
the dashboard's data (``figures.as_data``), the teams with their planning
(``activities.selectors.planning_teams``) and the changes in; the file's bytes out.

Every sheet is written by ``activities.excel.write_sheet``: a frozen, filtered header
row, euro and month formats, column widths, and text that no spreadsheet program runs as
a formula.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from activities.excel import (
    EURO_FORMAT,
    Column,
    team_planning_sheet,
    to_bytes,
    write_sheet,
)
from activities.selectors import OPEN_POINT_LABELS, activity_open_q
from reporting.changes import group_changes
from reporting.wording import worded

DATE_FORMAT = "d mmmm yyyy"


def _amount(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _team_label(team: dict) -> str:
    return f"{team['code']} {team['name']}"


def _summary(sheet, data: dict, as_of: datetime.datetime) -> None:
    sheet.title = _("Summary")
    money = {row["team"]["number"]: row for row in data["money"]["teams"]}
    progress = {row["team"]["number"]: row for row in data["progress"]}
    open_points = {row["team"]["number"]: row for row in data["open_points"]["teams"]}
    bookings = {row["team"]["number"]: row for row in data["workshops"]["teams"]}
    columns = [
        Column(_("Team"), 36, wrap=True),
        Column(_("Budget lines (EUR)"), 16, EURO_FORMAT),
        Column(_("Estimates, minimum (EUR)"), 16, EURO_FORMAT),
        Column(_("Estimates, maximum (EUR)"), 16, EURO_FORMAT),
        Column(_("Approved (EUR)"), 14, EURO_FORMAT),
        Column(_("Realised (EUR)"), 14, EURO_FORMAT),
        Column(_("Remaining (EUR)"), 16, EURO_FORMAT),
        Column(_("Activities"), 11),
        Column(_("Started"), 9),
        Column(_("Should have started"), 11),
        Column(_("Past their end month"), 11),
        Column(_("Open points"), 10),
        Column(_("Workshops requested"), 11),
        Column(_("Workshops confirmed"), 11),
        Column(_("Workshops held"), 11),
    ]
    rows = []
    for number, team in money.items():
        points = open_points[number]
        rows.append(
            [
                _team_label(team["team"]),
                _amount(team["planned"]),
                _amount(team["estimate_min"]),
                _amount(team["estimate_max"]),
                _amount(team["approved"]),
                _amount(team["realised"]),
                _amount(team["remaining"]),
                progress[number]["total"],
                progress[number]["started"],
                progress[number]["due"],
                progress[number]["past_end"],
                sum(points[name] for name in activity_open_q()),
                bookings[number]["requested"],
                bookings[number]["confirmed"],
                bookings[number]["held"],
            ]
        )
    write_sheet(sheet, columns, rows)
    # The state the workbook shows, and the key figures, beneath the table.
    sheet.append([])
    sheet.append([_("State of"), as_of.replace(tzinfo=None)])
    sheet.cell(row=sheet.max_row, column=2).number_format = "d mmmm yyyy hh:mm"
    for period in data["money"]["space_per_period"]:
        if period["space_max"] is None:
            continue
        for label, value in (
            (_("Budget lines %(period)s") % {"period": period["period"]}, period["teams_total"]),
            (_("Budget space, lower bound"), period["space_min"]),
            (_("Budget space, upper bound"), period["space_max"]),
            (_("Over the space, at least"), period["over_space_min"]),
            (_("Over the space, at most"), period["over_space_max"]),
        ):
            sheet.append([label, _amount(value)])
            sheet.cell(row=sheet.max_row, column=2).number_format = EURO_FORMAT
    sheet.append([_("Requests waiting for a decision"), data["waiting"]["count"]])
    sheet.append([_("Cases without a workshop yet"), data["workshops"]["untouched_cases"]])


def _money(sheet, data: dict) -> None:
    sheet.title = _("Money")
    columns = [
        Column(_("Budget period"), 14),
        Column(_("Team"), 36, wrap=True),
        Column(_("Budget line (EUR)"), 16, EURO_FORMAT),
        Column(_("Approved (EUR)"), 14, EURO_FORMAT),
        Column(_("Realised (EUR)"), 14, EURO_FORMAT),
        Column(_("Waiting for a decision (EUR)"), 16, EURO_FORMAT),
        Column(_("Remaining (EUR)"), 16, EURO_FORMAT),
    ]
    rows = [
        [
            period["period"],
            _team_label(line["team"]),
            *(_amount(line[name]) for name in ("planned", "approved", "realised")),
            _amount(line["pending"]),
            _amount(line["remaining"]),
        ]
        for period in data["money"]["periods"]
        for line in period["lines"]
    ]
    write_sheet(sheet, columns, rows)


def _years(sheet, data: dict) -> None:
    sheet.title = _("Budget space")
    columns = [
        Column(_("Year"), 8),
        Column(_("Budget space, lower bound (EUR)"), 18, EURO_FORMAT),
        Column(_("Budget space, upper bound (EUR)"), 18, EURO_FORMAT),
        Column(_("Carried over (EUR)"), 16, EURO_FORMAT),
        Column(_("Available (EUR)"), 16, EURO_FORMAT),
        Column(_("Committed (EUR)"), 16, EURO_FORMAT),
        Column(_("Remaining (EUR)"), 16, EURO_FORMAT),
    ]
    names = ("space_min", "space_max", "carried_in", "available", "committed", "remaining")
    rows = [
        [year["year"], *(_amount(year[name]) for name in names)] for year in data["money"]["years"]
    ]
    write_sheet(sheet, columns, rows)


def _open_points(sheet, teams) -> None:
    """A row per activity with an open point, the points marked: what the directors ask
    the teams about."""
    sheet.title = _("Open points")
    columns = [
        Column(_("Team"), 7),
        Column(_("ID"), 8),
        Column(_("Title"), 50, wrap=True),
        *(Column(str(label), 14) for label in OPEN_POINT_LABELS.values()),
        Column(_("Planning (as in the plan)"), 22),
        Column(_("Estimate (as in the plan)"), 18),
        Column(_("Responsible"), 22),
    ]
    rows = []
    for team in teams:
        for activity in team.planning_activities:
            points = [getattr(activity, name) for name in OPEN_POINT_LABELS]
            if any(points):
                rows.append(
                    [
                        team.code,
                        activity.pk,
                        activity.title,
                        *(_("yes") if point else "" for point in points),
                        activity.planning_label,
                        activity.estimate_text,
                        activity.responsible,
                    ]
                )
    write_sheet(sheet, columns, rows)


def _changes(sheet, changes: list[dict] | None) -> None:
    sheet.title = _("Changes")
    columns = [
        Column(_("What"), 28, wrap=True),
        Column(_("Team"), 7),
        Column(_("Subject"), 50, wrap=True),
        Column(_("Before"), 30, wrap=True),
        Column(_("After"), 30, wrap=True),
    ]
    rows = [
        [
            change["kind"],
            change.get("team") or "",
            change["title"],
            change["before"],
            change["after"],
        ]
        for change in changes or []
    ]
    write_sheet(sheet, columns, rows)
    if changes is None:
        sheet.append([_("There is no snapshot yet to compare with.")])


def change_rows(comparison) -> list[dict] | None:
    """The changes of a ``selectors.Comparison`` as the workbook's rows, in words; None
    when there was no snapshot to compare with."""
    if comparison.older is None:
        return None
    return [
        {
            "kind": str(group.group.label),
            "team": row.change.team,
            "title": row.change.title,
            "before": "; ".join(f"{fact.label}: {fact.was}" for fact in row.facts),
            "after": "; ".join(f"{fact.label}: {fact.now}" for fact in row.facts),
        }
        for group in worded(group_changes(comparison.changes))
        for row in group.rows
    ]


def report_xlsx(*, data: dict, teams, changes: list[dict] | None, title: str = "") -> bytes:
    """The workbook of the update. ``teams`` have ``planning_activities``, each marked
    with its open points (``activities.selectors.mark_open``); ``changes`` since the last
    snapshot are rows with ``kind``, ``team``, ``title``, ``before`` and ``after`` in
    words (None: no snapshot to compare with)."""
    as_of = datetime.datetime.fromisoformat(data["as_of"])
    workbook = Workbook()
    _summary(workbook.active, data, as_of)
    _money(workbook.create_sheet(), data)
    _years(workbook.create_sheet(), data)
    _open_points(workbook.create_sheet(), teams)
    _changes(workbook.create_sheet(), changes)
    for team in teams:
        team_planning_sheet(workbook.create_sheet(), team)
    workbook.properties.title = title or _("Update for the directors")
    return to_bytes(workbook)


def report_filename(day: datetime.date) -> str:
    """The file's name, in Dutch ``update-directeuren-2022-03-24.xlsx``."""
    return _("update-directors-%(date)s.xlsx") % {"date": day.isoformat()}
