"""Reading the plan's own words: a planning text ("najaar '21 - zomer '22", "Q1 2022",
"doorlopend") and an estimate text ("ca. 50-60k", "40-50k?", "5000,-").

Pure functions, no database: ``parse_planning`` and ``parse_estimate`` return a reading,
or ``Unreadable`` with the reason. A reading is never more precise than the text: a
season is its three months, a year its twelve, "eind 2021" October to December; what
the text leaves open ("winter", a month without a year, "12,500") is not read at all.
``describe_planning`` and ``describe_estimate`` say a reading in words for people.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activities.models import PlanningKind
from citydeal.money import CENTS, MAX_AMOUNT, format_euro

# Longer texts are not a planning or an estimate but a paragraph; not read (and the
# patterns below never see more than this).
MAX_TEXT_LENGTH = 120
# The years a plan of this programme can name; "'21" is 2021.
MIN_YEAR, MAX_YEAR = 1990, 2099


@dataclass(frozen=True)
class Unreadable:
    """The text could not be read; ``reason`` says why, for people."""

    text: str
    reason: str


@dataclass(frozen=True)
class PlanningReading:
    """What a planning text says: its kind and the months it names (first of the month)."""

    kind: str
    start: datetime.date | None = None
    end: datetime.date | None = None


class Absent:
    """Why an estimate has no amount."""

    NONE = "none"  # empty, "-", "n.v.t."
    PRO_MEMORIA = "pm"  # "PM": a cost that is not known yet
    UNDECIDED = "tbd"  # "ntb"


@dataclass(frozen=True)
class EstimateReading:
    """What an estimate text says: a range in euros (both None: no amount, see ``absent``),
    ``doubtful`` for a "?", ``approximate`` for "ca."."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    doubtful: bool = False
    approximate: bool = False
    absent: str = ""


# -- normalising ---------------------------------------------------------------------------

_QUOTES = str.maketrans(dict.fromkeys("’‘`´′‛", "'"))
_DASHES = str.maketrans(dict.fromkeys("–—‑‒−", "-"))


def _normalise(text: str) -> str:
    text = text.translate(_QUOTES).translate(_DASHES).lower()
    return " ".join(text.split())


# -- planning ------------------------------------------------------------------------------

_MONTH_NAMES = {
    1: ["januari", "january", "jan"],
    2: ["februari", "february", "feb"],
    3: ["maart", "march", "mrt", "maa", "mar"],
    4: ["april", "apr"],
    5: ["mei", "may"],
    6: ["juni", "june", "jun"],
    7: ["juli", "july", "jul"],
    8: ["augustus", "august", "aug"],
    9: ["september", "sept", "sep"],
    10: ["oktober", "october", "okt", "oct"],
    11: ["november", "nov"],
    12: ["december", "dec"],
}
_MONTH_OF = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = "(?:" + "|".join(sorted(_MONTH_OF, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:'?[0-9]{2}|[0-9]{4})"
# Parts of a year: (first month, last month).
_SEASONS = {
    "voorjaar": (3, 5),
    "lente": (3, 5),
    "zomer": (6, 8),
    "najaar": (9, 11),
    "herfst": (9, 11),
    "begin": (1, 3),
    "eind": (10, 12),
    "einde": (10, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    "h1": (1, 6),
    "h2": (7, 12),
}
_SEASON = "(?:" + "|".join(sorted(_SEASONS, key=len, reverse=True)) + ")"

_POINT_PATTERNS = [
    # "1-10-2021", "1/10/2021": the month of a date.
    (
        "date",
        re.compile(r"(?:(?P<day>[0-9]{1,2})[-/])?(?P<month>[0-9]{1,2})[-/](?P<year>[0-9]{4})"),
    ),
    # "najaar '21", "Q1 2022", "eind 2021"
    ("season", re.compile(rf"(?P<season>{_SEASON})\s*(?P<year>{_YEAR})")),
    # "oktober 2021", "okt '21", "sept/okt 21", "1 okt 2021", "mrt" (year from the other end)
    (
        "month",
        re.compile(
            rf"(?:[0-9]{{1,2}}\s+)?(?P<first>{_MONTH})(?:\s*/\s*(?P<last>{_MONTH}))?"
            rf"(?:\s*(?P<year>{_YEAR}))?"
        ),
    ),
    # "2022", "'22"
    ("year", re.compile(r"(?P<year>[0-9]{4}|'[0-9]{2})")),
]
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|\bt/m\b|\btot en met\b|\btot\b|\bto\b|\buntil\b)\s*")
_UNDECIDED = re.compile(
    r"(?:n\.?\s*)?n\.?\s*t\.?\s*b\.?|(?:nog\s+)?(?:nader\s+)?te\s+bepalen|tbd|onbekend"
)
_ONGOING = {"doorlopend", "loopt door", "continu", "continue", "structureel", "ongoing"}
_PLACEHOLDERS = {"", "…", "...", "-", "?", "n.v.t.", "nvt"}
_FROM = re.compile(r"(?:vanaf|start(?:\s+in)?|per|from|m\.i\.v\.|met ingang van)\s+(?P<rest>.+)")
_AFTER = re.compile(r"(?:na|after)\s+(?P<rest>.+)")
# "Nadat opgaven 1 en 2 zijn uitgevoerd": after something else, no date yet.
_CONDITION = re.compile(r"(?:nadat|zodra|als|wanneer|afhankelijk van|once|when)\b.*")


class _NotRead(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Point:
    """A stretch within one year (month ``first`` to ``last``); ``year`` None when the text
    leaves it to the other end of a range."""

    year: int | None
    first: int
    last: int


def _year(text: str) -> int:
    digits = text.lstrip("'")
    year = int(digits) + 2000 if len(digits) == 2 else int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _NotRead(
            _("The year %(year)s is outside %(min)s to %(max)s.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return year


def _point(text: str) -> _Point | None:
    for name, pattern in _POINT_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        year = _year(parts["year"]) if parts.get("year") else None
        if name == "date":
            month = int(parts["month"])
            if not 1 <= month <= 12 or not 1 <= int(parts["day"] or 1) <= 31:
                return None
            return _Point(year, month, month)
        if name == "season":
            return _Point(year, *_SEASONS[parts["season"]])
        if name == "month":
            first = _MONTH_OF[parts["first"].rstrip(".")]
            last = _MONTH_OF[parts["last"].rstrip(".")] if parts["last"] else first
            if last < first:
                raise _NotRead(_("A pair of months that runs into the next year is unclear."))
            return _Point(year, first, last)
        return _Point(year, 1, 12)
    return None


def _months(text: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last month of a point ("najaar '21") or a range of two points
    ("Nov/dec 21- feb 22"); None when the text is neither."""
    text = text.strip(" .,;:()")
    point = _point(text)
    if point is not None:
        if point.year is None:
            raise _NotRead(_("The text names no year."))
        return datetime.date(point.year, point.first, 1), datetime.date(point.year, point.last, 1)
    for separator in _RANGE_SEPARATOR.finditer(text):
        left = _point(text[: separator.start()].strip())
        right = _point(text[separator.end() :].strip())
        if left is None or right is None:
            continue
        if left.year is None and right.year is None:
            raise _NotRead(_("The text names no year."))
        start_year = left.year if left.year is not None else right.year
        end_year = right.year if right.year is not None else left.year
        start = datetime.date(start_year, left.first, 1)
        end = datetime.date(end_year, right.last, 1)
        if end < start:
            raise _NotRead(_("The end comes before the start."))
        return start, end
    return None


def _month_after(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _read_planning(text: str) -> PlanningReading | None:
    if text in _PLACEHOLDERS:
        return PlanningReading(PlanningKind.TBD)
    if text in _ONGOING:
        return PlanningReading(PlanningKind.ONGOING)
    if "winter" in text:
        raise _NotRead(_("A winter runs into the next year; name its months."))
    if _CONDITION.fullmatch(text):
        return PlanningReading(PlanningKind.TBD)
    undecided = _UNDECIDED.match(text)
    if undecided is not None:
        rest = text[undecided.end() :].strip(" .,;:()")
        if not rest:
            return PlanningReading(PlanningKind.TBD)
        months = _months(rest)
        return PlanningReading(PlanningKind.TBD, *months) if months else None
    for pattern, kind in ((_FROM, "from"), (_AFTER, "after")):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        months = _months(match["rest"])
        if months is None:
            return None
        start, end = months
        if kind == "after":
            return PlanningReading(PlanningKind.FROM, _month_after(end))
        if match["rest"].strip(" .") and _point(match["rest"].strip(" .,;:()")) is None:
            # "vanaf jan '22 t/m jun '22": a range, so a period.
            return PlanningReading(PlanningKind.PERIOD, start, end)
        return PlanningReading(PlanningKind.FROM, start)
    months = _months(text)
    return PlanningReading(PlanningKind.PERIOD, *months) if months else None


def parse_planning(text: str) -> PlanningReading | Unreadable:
    """The kind and months of a planning text as the plan writes it, or ``Unreadable``.

    An empty text, "…" and "ntb" are "to be decided" without months; "n.n.t.b. 2022" is
    to be decided within 2022; "Na 2022" runs from January 2023 on.
    """
    if len(text) > MAX_TEXT_LENGTH:
        return Unreadable(text, gettext("The text is too long to be a planning."))
    try:
        reading = _read_planning(_normalise(text))
    except _NotRead as error:
        return Unreadable(text, str(error.reason))
    if reading is None:
        return Unreadable(text, gettext("The portal does not recognise this way of writing."))
    return reading


# -- estimate ------------------------------------------------------------------------------

_NUMBER = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?|[0-9]+(?:[,.][0-9]{1,2})?"
_MULTIPLIERS = {
    "": 1,
    "k": 1000,
    "duizend": 1000,
    "mln": 1_000_000,
    "mln.": 1_000_000,
    "mio": 1_000_000,
    "miljoen": 1_000_000,
}
_SUFFIX = "(?:" + "|".join(re.escape(s) for s in sorted(_MULTIPLIERS, key=len, reverse=True)) + ")"
_AMOUNT = rf"(?P<NAME>{_NUMBER})\s*(?:,-+)?\s*(?P<NAME_suffix>{_SUFFIX})"
_ESTIMATE = re.compile(
    _AMOUNT.replace("NAME", "low")
    + r"(?:\s*(?:-|\btot\b|\bà\b|\ba\b)\s*"
    + _AMOUNT.replace("NAME", "high")
    + ")?"
)
_APPROXIMATE = re.compile(
    r"^(?:ca\.?|circa|ongeveer|ong\.|plm\.?|pl\.m\.|±|\+/-|~|approx\.?|about)\s*"
)
_CURRENCY = re.compile(r"€|\beur\b|\beuro'?s?\b")
_NO_AMOUNT = {"", "-", "--", "…", "...", "n.v.t.", "nvt", "geen", "nihil"}
_PRO_MEMORIA = {"pm", "p.m.", "p.m"}
_UNDECIDED_AMOUNT = re.compile(r"(?:n\.?\s*)?n\.?\s*t\.?\s*b\.?|(?:nog\s+)?(?:nader\s+)?te bepalen")


def _amount(number: str, suffix: str) -> Decimal:
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", number):
        number = number.replace(".", "")
    return Decimal(number) * _MULTIPLIERS[suffix]


def _read_estimate(text: str) -> EstimateReading | None:
    doubtful = "?" in text
    text = text.replace("?", " ")
    text = _CURRENCY.sub(" ", text)
    text = " ".join(text.split()).strip(" ;:()")
    approximate = _APPROXIMATE.match(text)
    if approximate is not None:
        text = text[approximate.end() :].strip()
    approximate = approximate is not None
    if text in _NO_AMOUNT or text in _PRO_MEMORIA or _UNDECIDED_AMOUNT.fullmatch(text):
        if approximate:
            return None  # "ca. ntb" says nothing readable
        absent = (
            Absent.PRO_MEMORIA
            if text in _PRO_MEMORIA
            else Absent.NONE
            if text in _NO_AMOUNT
            else Absent.UNDECIDED
        )
        return EstimateReading(doubtful=doubtful, absent=absent)
    match = _ESTIMATE.fullmatch(text)
    if match is None:
        return None
    low_suffix = match["low_suffix"]
    high_suffix = match["high_suffix"] or ""
    if match["high"] is not None and not low_suffix:
        low_suffix = high_suffix  # "50-60k": the k counts for both
    low = _amount(match["low"], low_suffix)
    high = _amount(match["high"], high_suffix) if match["high"] is not None else low
    if high < low:
        raise _NotRead(_("The maximum is lower than the minimum."))
    if high > MAX_AMOUNT:
        raise _NotRead(_("The amount is more than %(max)s.") % {"max": format_euro(MAX_AMOUNT)})
    if low != low.quantize(CENTS) or high != high.quantize(CENTS):
        raise _NotRead(_("An amount has more than two decimals."))
    return EstimateReading(
        minimum=low.quantize(CENTS),
        maximum=high.quantize(CENTS),
        doubtful=doubtful,
        approximate=approximate,
    )


def parse_estimate(text: str) -> EstimateReading | Unreadable:
    """The range in euros of an estimate text as the plan writes it, or ``Unreadable``.

    "ca. 50-60k" is € 50.000 to € 60.000, approximately; "40-50k?" is in doubt; "5000,-"
    and "€ 12.500" are one amount; "PM", "ntb", "-" and an empty text name no amount.
    """
    if len(text) > MAX_TEXT_LENGTH:
        return Unreadable(text, gettext("The text is too long to be an estimate."))
    try:
        reading = _read_estimate(_normalise(text))
    except _NotRead as error:
        return Unreadable(text, str(error.reason))
    if reading is None:
        return Unreadable(text, gettext("The portal does not recognise this way of writing."))
    return reading


# -- into an activity's fields -------------------------------------------------------------


def planning_fields(reading: PlanningReading) -> dict:
    """The fields of an activity that a planning reading fills in."""
    return {"planning_kind": reading.kind, "start_month": reading.start, "end_month": reading.end}


def estimate_fields(reading: EstimateReading) -> dict:
    """The fields of an activity that an estimate reading fills in."""
    return {
        "estimate_min": reading.minimum,
        "estimate_max": reading.maximum,
        "estimate_doubtful": reading.doubtful,
    }


# -- in words ------------------------------------------------------------------------------


def _month_words(month: datetime.date) -> str:
    return f"{MONTHS[month.month]} {month.year}"


def _period_words(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return _month_words(start)
    if start.year == end.year and (start.month, end.month) == (1, 12):
        return str(start.year)
    return gettext("%(start)s to %(end)s") % {
        "start": _month_words(start),
        "end": _month_words(end),
    }


def describe_planning(reading: PlanningReading | Unreadable) -> str:
    """A planning reading in words: "september 2021 to august 2022", "ongoing", ..."""
    if isinstance(reading, Unreadable):
        return gettext("Not readable: %(reason)s") % {"reason": reading.reason}
    if reading.kind == PlanningKind.ONGOING:
        return gettext("ongoing")
    if reading.kind == PlanningKind.FROM:
        return gettext("from %(month)s on") % {"month": _month_words(reading.start)}
    if reading.kind == PlanningKind.TBD:
        if reading.start is None:
            return gettext("to be decided")
        return gettext("to be decided (%(period)s)") % {
            "period": _period_words(reading.start, reading.end)
        }
    return _period_words(reading.start, reading.end)


def describe_estimate(reading: EstimateReading | Unreadable) -> str:
    """An estimate reading in words: "€ 50.000 – € 60.000 (approximately)", ..."""
    if isinstance(reading, Unreadable):
        return gettext("Not readable: %(reason)s") % {"reason": reading.reason}
    if reading.minimum is None:
        words = {
            Absent.PRO_MEMORIA: gettext("pro memoria: the amount is not known yet"),
            Absent.UNDECIDED: gettext("to be decided"),
        }.get(reading.absent, gettext("no amount"))
    else:
        decimals = reading.minimum % 1 != 0 or reading.maximum % 1 != 0
        words = format_euro(reading.minimum, decimals=decimals)
        if reading.maximum != reading.minimum:
            words = f"{words} – {format_euro(reading.maximum, decimals=decimals)}"
    remarks = []
    if reading.approximate:
        remarks.append(gettext("approximately"))
    if reading.doubtful:
        remarks.append(gettext("in doubt"))
    return f"{words} ({', '.join(remarks)})" if remarks else words


# Each of the plan's texts of an activity: how it is read and which fields it fills in.
TEXT_READERS = {
    "planning_label": (parse_planning, planning_fields),
    "estimate_text": (parse_estimate, estimate_fields),
}


def fields_from_texts(sent: dict, *, before: dict | None = None) -> dict:
    """The structured fields that the plan's texts in ``sent`` fill in, for those not in
    ``sent`` themselves (what is sent wins): a text is read when it is new (not the same
    as in ``before``, the texts as saved) and not empty; a text that cannot be read fills
    in nothing, so the fields stay as sent or as they were. The rule of the activity form,
    for the API."""
    filled = {}
    for name, (parse, fields) in TEXT_READERS.items():
        text = sent.get(name)
        if text is None or not text.strip():
            continue
        if before is not None and text.strip() == (before.get(name) or "").strip():
            continue
        reading = parse(text.strip())
        if isinstance(reading, Unreadable):
            continue
        filled |= {key: value for key, value in fields(reading).items() if key not in sent}
    return filled
