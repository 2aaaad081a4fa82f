"""Reading a team's planning back from an Excel file in the layout of the export
(``activities.excel``): a pure parser. It gets the file's bytes and the team, and returns
the rows it read and every error with its row and column; it writes nothing and knows no
HTTP. Applying the rows is a service's work, once nothing is wrong.

The file is checked before openpyxl opens it: an xlsx by its content (a zip with a
workbook, whatever its name), no larger than ``MAX_FILE_BYTES``, its parts together no
larger than ``MAX_UNPACKED_BYTES`` and no more than ``MAX_PARTS`` of them, read from the
zip's directory before anything is unpacked (a zip bomb is refused unread; a part that
unpacks to more than its directory says fails its check), and no macros; openpyxl then
parses the XML with defusedxml (a dependency), so no entity is expanded.
Then: one sheet with the export's header row (every column, no other), no formulas, at
most ``MAX_ROWS`` rows, each row of the team.

A file downloaded in English imports in a Dutch session and the other way round: the
header row and the labels of the choice columns (kind of planning, status) are read in
both languages. The goal column is matched to one of the team's goals (by its letter or
its exact title) and the cases column to the programme's cases (by exact title).
"""

import datetime
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from activities import excel
from activities.models import PLANNING_FIELDS, ActivityStatus, PlanningKind

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 1000

# The languages a header row and a choice's label are read in.
LANGUAGES = ("nl", "en")

# The export's columns by position, named for the rows the parser returns.
FIELDS = (
    "team",
    "id",
    "order",
    "title",
    "goal",
    *PLANNING_FIELDS,
    "status",
    "responsible",
    "cases",
    "explanation",
    "result",
    "note",
)


class FileRefused(Exception):
    """The file as a whole cannot be read: the message says why, for the uploader."""


@dataclass(frozen=True)
class CellError:
    """What is wrong, where: a row of the sheet (None: no row, e.g. an activity that is
    not in the sheet) and the header of its column."""

    row: int | None
    column: str
    message: str


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


def _check_container(content: bytes) -> None:
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused(_("The file is larger than %(limit)s MB.") % {"limit": 2})
    if not content.startswith(b"PK\x03\x04"):
        raise FileRefused(_("The file is not an Excel workbook (xlsx)."))
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused(_("The file is not an Excel workbook (xlsx).")) from error
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(_("The file is not an Excel workbook (xlsx)."))
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise FileRefused(_("The workbook is too large once unpacked."))
    # VBA, Excel 4 macro sheets, ActiveX controls; a printer's settings (.bin) are fine.
    if any(
        name.lower().endswith("vbaproject.bin")
        or name.lower().startswith(("xl/macrosheets/", "xl/activex/"))
        for name in names
    ):
        raise FileRefused(_("The workbook contains macros; save it without them."))
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types:
        raise FileRefused(_("The workbook contains macros; save it without them."))


def column_headers() -> list[str]:
    """The export's header row in the active language (the columns errors name)."""
    return [column.header for column in excel._planning_columns()]


def _headers_by_language() -> dict[str, list[str]]:
    headers = {}
    for language in LANGUAGES:
        with translation.override(language):
            headers[language] = column_headers()
    return headers


def _check_header(header: list[str]) -> None:
    """Refuse a header row that is not the export's in one of ``LANGUAGES``; the message
    names what is missing and unknown, compared to the language the row is closest to."""
    candidates = _headers_by_language()
    if any(
        header[: len(names)] == names and not any(header[len(names) :])
        for names in candidates.values()
    ):
        return
    closest = max(candidates.values(), key=lambda names: len(set(names) & set(header)))
    shown = column_headers()
    missing = [shown[index] for index, name in enumerate(closest) if name not in header]
    unknown = [name for name in header if name and name not in closest]
    parts = []
    if missing:
        parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
    if not parts:
        parts.append(_("the columns are not in the export's order"))
    raise FileRefused(
        _("The header row does not match the export: %(what)s.") % {"what": "; ".join(parts)}
    )


def _text(value) -> str:
    if value is None:
        return ""
    return excel.unguard_text(str(value)).strip()


def _month(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    raise ValueError


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ValueError from error
    if amount < 0:
        raise ValueError
    return amount


def _choice_texts(choices) -> dict[str, str]:
    """Each choice by its value and by its label in each of ``LANGUAGES``, casefolded."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts.update({str(choice.label).casefold(): choice.value for choice in choices})
    texts.update({choice.value: choice.value for choice in choices})
    return texts


def _choice(texts: dict[str, str], value) -> str | None:
    """The choice a cell names; None for an empty cell (the service's default)."""
    text = _text(value).casefold()
    if not text:
        return None
    if text not in texts:
        raise ValueError
    return texts[text]


_YES = {"true", "waar", "ja", "yes", "1"}
_NO = {"false", "onwaar", "nee", "no", "0"}


def _doubt(value) -> bool:
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in _YES | _NO:
        return text in _YES
    raise ValueError


# "A. title", "A." or "A": a goal named by its letter (or number) first.
_GOAL_LETTER = re.compile(r"(?P<letter>[^\s.]{1,3})(?:\.(?:\s.*)?)?", re.DOTALL)


def _goal(goals: list, value):
    """The goal a cell names: by the export's label, its exact title or its letter; None
    for an empty cell. A text that names no goal, or more than one, is no goal."""
    text = _text(value)
    if not text:
        return None
    for key in (excel.goal_label, lambda goal: goal.title):
        found = [goal for goal in goals if key(goal) == text]
        if len(found) == 1:
            return found[0]
    match = _GOAL_LETTER.fullmatch(text)
    if match:
        letter = match["letter"].casefold()
        found = [goal for goal in goals if goal.letter and goal.letter.casefold() == letter]
        if len(found) == 1:
            return found[0]
    raise ValueError


def _cases(cases: list, value) -> list:
    """The cases a cell names by title, separated as the export writes them."""
    text = _text(value)
    if not text:
        return []
    by_title = {}
    for case in cases:
        by_title.setdefault(case.title.strip(), []).append(case)
    found = []
    for title in text.split(excel.CASES_SEPARATOR.strip()):
        same = by_title.get(title.strip(), [])
        if len(same) != 1:
            raise ValueError
        if same[0] not in found:
            found.append(same[0])
    return found


@dataclass(frozen=True)
class _Context:
    """What the rows are read against: the team, its goals, the programme's cases, the
    choices in both languages, the headers that errors name."""

    team: object
    goals: list
    cases: list
    headers: list[str]
    kinds: dict[str, str]
    states: dict[str, str]


def _row(number: int, values: tuple, context: _Context, parsed: Parsed) -> None:
    team, headers = context.team, context.headers

    def error(index: int, message: str) -> None:
        parsed.errors.append(CellError(number, headers[index], message))

    row = dict(zip(FIELDS, values, strict=True))
    out = {"row": number}
    if _text(row["team"]) != team.code:
        error(0, _("This row is of another team; import it on that team's page."))
        return
    converters = {
        "id": (lambda v: None if v in (None, "") else int(v), _("Not an id.")),
        "order": (lambda v: None if v in (None, "") else int(v), _("Not a number.")),
        "goal": (
            lambda v: _goal(context.goals, v),
            _("No goal of this team; write its letter or its exact title, or leave it empty."),
        ),
        "planning_kind": (lambda v: _choice(context.kinds, v), _("Not a kind of planning.")),
        "start_month": (_month, _("Not a month.")),
        "end_month": (_month, _("Not a month.")),
        "estimate_min": (_amount, _("Not an amount in euros.")),
        "estimate_max": (_amount, _("Not an amount in euros.")),
        "estimate_doubtful": (_doubt, _("Not yes or no (TRUE or FALSE).")),
        "status": (lambda v: _choice(context.states, v), _("Not a status.")),
        "cases": (
            lambda v: _cases(context.cases, v),
            _("No case of the programme has this title; separate titles with “;”."),
        ),
    }
    for index, name in enumerate(FIELDS):
        if name in converters:
            convert, message = converters[name]
            try:
                out[name] = convert(row[name])
            except (TypeError, ValueError):
                error(index, message)
        elif name != "team":
            out[name] = _text(row[name])
    if not out.get("title"):
        error(FIELDS.index("title"), _("An activity needs a title."))
    if out.get("start_month") and out.get("end_month") and out["end_month"] < out["start_month"]:
        error(FIELDS.index("end_month"), _("The end month cannot be before the start month."))
    low, high = out.get("estimate_min"), out.get("estimate_max")
    if low is not None and high is not None and high < low:
        error(FIELDS.index("estimate_max"), _("The maximum cannot be lower than the minimum."))
    parsed.rows.append(out)


def parse_team_planning(
    content: bytes, *, team, activity_ids: set[int], goals: Iterable, cases: Iterable
) -> Parsed:
    """The rows of a team's planning in the export's layout, or every error found.

    ``activity_ids`` are the ids of the team's activities: a row with another id names
    an activity that is not the team's. ``goals`` are the team's goals and ``cases`` the
    programme's cases: a row's ``goal`` is one of them (or None) and its ``cases`` a list
    of them. ``planning_kind`` and ``status`` are None where the cell is empty. Raises
    ``FileRefused`` when the file as a whole cannot be read (see the module's docstring);
    a row's errors name its row and column.
    """
    _check_container(content)
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(_("The file is not an Excel workbook (xlsx).")) from error
    try:
        if len(book.worksheets) != 1:
            raise FileRefused(_("The workbook must have one sheet: the team's planning."))
        sheet = book.worksheets[0]
        rows = sheet.iter_rows()
        header = [_text(cell.value) for cell in next(rows, ())]
        _check_header(header)
        headers = column_headers()
        context = _Context(
            team=team,
            goals=list(goals),
            cases=list(cases),
            headers=headers,
            kinds=_choice_texts(PlanningKind),
            states=_choice_texts(ActivityStatus),
        )
        parsed = Parsed()
        for number, cells in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise FileRefused(
                    _("The sheet has more than %(limit)s rows.") % {"limit": MAX_ROWS}
                )
            formulas = [cell for cell in cells if cell.data_type == "f"]
            for cell in formulas:
                parsed.errors.append(
                    CellError(number, headers[cell.column - 1], _("A formula; enter the value."))
                )
            values = tuple(cell.value for cell in cells)[: len(FIELDS)]
            values += (None,) * (len(FIELDS) - len(values))
            if formulas or all(value in (None, "") for value in values):
                continue
            _row(number, values, context, parsed)
        seen = set()
        for row in parsed.rows:
            activity_id = row.get("id")
            if activity_id is None:
                continue
            if activity_id not in activity_ids:
                parsed.errors.append(
                    CellError(row["row"], headers[1], _("No activity of this team has this id."))
                )
            elif activity_id in seen:
                parsed.errors.append(
                    CellError(row["row"], headers[1], _("This id is in the sheet twice."))
                )
            seen.add(activity_id)
        return parsed
    finally:
        book.close()
