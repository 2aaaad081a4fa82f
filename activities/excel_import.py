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
"""

import datetime
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from activities import excel
from activities.models import PLANNING_FIELDS, ActivityStatus, PlanningKind

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 1000

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
    row: int
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


def _headers() -> list[str]:
    return [column.header for column in excel._planning_columns()]


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


def _choice(choices, value) -> str:
    text = _text(value)
    for choice in choices:
        if text in (choice.value, str(choice.label)):
            return choice.value
    raise ValueError


def _doubt(value) -> bool:
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    raise ValueError


def _row(number: int, values: tuple, team, headers: list[str], parsed: Parsed) -> None:
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
        "planning_kind": (lambda v: _choice(PlanningKind, v), _("Not a kind of planning.")),
        "start_month": (_month, _("Not a month.")),
        "end_month": (_month, _("Not a month.")),
        "estimate_min": (_amount, _("Not an amount in euros.")),
        "estimate_max": (_amount, _("Not an amount in euros.")),
        "estimate_doubtful": (_doubt, _("Not yes or no (TRUE or FALSE).")),
        "status": (lambda v: _choice(ActivityStatus, v), _("Not a status.")),
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


def parse_team_planning(content: bytes, *, team, activity_ids: set[int]) -> Parsed:
    """The rows of a team's planning in the export's layout, or every error found.

    ``activity_ids`` are the ids of the team's activities: a row with another id names
    an activity that is not the team's. Raises ``FileRefused`` when the file as a whole
    cannot be read (see the module's docstring); a row's errors name its row and column.
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
        headers = _headers()
        missing = [name for name in headers if name not in header]
        unknown = [name for name in header if name and name not in headers]
        if missing or unknown or header[: len(headers)] != headers:
            parts = []
            if missing:
                parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
            if unknown:
                parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
            if not parts:
                parts.append(_("the columns are not in the export's order"))
            raise FileRefused(
                _("The header row does not match the export: %(what)s.")
                % {"what": "; ".join(parts)}
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
            _row(number, values, team, headers, parsed)
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
