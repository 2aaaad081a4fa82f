"""The reading of the plan's own words: every planning and estimate text of the seed reads
as the seed's structured fields have it; other forms, nonsense and edge cases; and
properties over any text (never a crash, never an end before a start or a maximum below a
minimum)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from activities.models import PlanningKind
from activities.planning_text import (
    MAX_TEXT_LENGTH,
    Absent,
    EstimateReading,
    PlanningReading,
    Unreadable,
    describe_estimate,
    describe_planning,
    parse_estimate,
    parse_planning,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "cdor_03_activities.json"
SEED_ROWS = [
    row["fields"]
    for row in json.loads(FIXTURE.read_text())
    if row["model"] == "activities.activity"
]
ROW_IDS = [f"OT{row['team'][1]}-{row['order']}" for row in SEED_ROWS]


def month(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def amount(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


def test_the_seed_has_every_activity():
    assert len(SEED_ROWS) == 48


# -- the seed, row by row ------------------------------------------------------------------


@pytest.mark.parametrize("row", SEED_ROWS, ids=ROW_IDS)
def test_every_planning_text_of_the_seed_reads_as_the_seed_has_it(row):
    reading = parse_planning(row["planning_label"])
    assert reading == PlanningReading(
        row["planning_kind"], month(row["start_month"]), month(row["end_month"])
    )


@pytest.mark.parametrize("row", SEED_ROWS, ids=ROW_IDS)
def test_every_estimate_text_of_the_seed_reads_as_the_seed_has_it(row):
    reading = parse_estimate(row["estimate_text"])
    assert not isinstance(reading, Unreadable), reading
    assert (reading.minimum, reading.maximum, reading.doubtful) == (
        amount(row["estimate_min"]),
        amount(row["estimate_max"]),
        row["estimate_doubtful"],
    )


# -- planning: the forms people write --------------------------------------------------------

P, ONGOING, FROM, TBD = (
    PlanningKind.PERIOD,
    PlanningKind.ONGOING,
    PlanningKind.FROM,
    PlanningKind.TBD,
)
D = datetime.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("najaar '21 - zomer '22", P, D(2021, 9, 1), D(2022, 8, 1)),
        ("Najaar 2021 t/m voorjaar 2022", P, D(2021, 9, 1), D(2022, 5, 1)),
        ("herfst '22", P, D(2022, 9, 1), D(2022, 11, 1)),
        ("lente 2023", P, D(2023, 3, 1), D(2023, 5, 1)),
        ("Okt '21 – Maa '22", P, D(2021, 10, 1), D(2022, 3, 1)),
        ("okt 2021 tot en met mrt 2022", P, D(2021, 10, 1), D(2022, 3, 1)),
        ("Q1 2022", P, D(2022, 1, 1), D(2022, 3, 1)),
        ("q4 '22", P, D(2022, 10, 1), D(2022, 12, 1)),
        ("Q2 2022 - Q3 2022", P, D(2022, 4, 1), D(2022, 9, 1)),
        ("H2 2022", P, D(2022, 7, 1), D(2022, 12, 1)),
        ("begin 2022", P, D(2022, 1, 1), D(2022, 3, 1)),
        ("eind 2021", P, D(2021, 10, 1), D(2021, 12, 1)),
        ("2022", P, D(2022, 1, 1), D(2022, 12, 1)),
        ("'22", P, D(2022, 1, 1), D(2022, 12, 1)),
        ("2021-2023", P, D(2021, 1, 1), D(2023, 12, 1)),
        ("mei 2022", P, D(2022, 5, 1), D(2022, 5, 1)),
        ("May 2022", P, D(2022, 5, 1), D(2022, 5, 1)),
        ("sept. '21", P, D(2021, 9, 1), D(2021, 9, 1)),
        ("15 januari 2022", P, D(2022, 1, 1), D(2022, 1, 1)),
        ("1/10/2021", P, D(2021, 10, 1), D(2021, 10, 1)),
        ("10-2021", P, D(2021, 10, 1), D(2021, 10, 1)),
        ("mrt-juli 22", P, D(2022, 3, 1), D(2022, 7, 1)),
        ("sep '21 - dec", P, D(2021, 9, 1), D(2021, 12, 1)),
        ("  Okt   '21  ", P, D(2021, 10, 1), D(2021, 10, 1)),
        ("(jan '22)", P, D(2022, 1, 1), D(2022, 1, 1)),
        ("doorlopend", ONGOING, None, None),
        ("DOORLOPEND", ONGOING, None, None),
        ("loopt door", ONGOING, None, None),
        ("vanaf jan '22", FROM, D(2022, 1, 1), None),
        ("Vanaf najaar 2022", FROM, D(2022, 9, 1), None),
        ("per 1-3-2022", FROM, D(2022, 3, 1), None),
        ("start in Q2 2022", FROM, D(2022, 4, 1), None),
        ("vanaf jan '22 t/m jun '22", P, D(2022, 1, 1), D(2022, 6, 1)),
        ("na 2022", FROM, D(2023, 1, 1), None),
        ("na dec '22", FROM, D(2023, 1, 1), None),
        ("na zomer '22", FROM, D(2022, 9, 1), None),
        ("n.n.t.b. 2022", TBD, D(2022, 1, 1), D(2022, 12, 1)),
        ("ntb (najaar '22)", TBD, D(2022, 9, 1), D(2022, 11, 1)),
        ("ntb", TBD, None, None),
        ("n.t.b.", TBD, None, None),
        ("nog te bepalen", TBD, None, None),
        ("nader te bepalen", TBD, None, None),
        ("", TBD, None, None),
        ("   ", TBD, None, None),
        ("…", TBD, None, None),
        ("zodra de subsidie rond is", TBD, None, None),
    ],
)
def test_a_planning_text_reads_as_it_says(text, kind, start, end):
    assert parse_planning(text) == PlanningReading(kind, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "winter '22",  # December of which year?
        "nov - feb 22",  # the end before the start: no year is guessed
        "dec/jan 22",  # a pair of months into the next year
        "zomer '23 - najaar '22",
        "okt",  # no year
        "okt - dec",  # no year at either end
        "najaar",
        "Q5 2022",
        "13-2022",
        "32-1-2022",
        "medio 2022",  # how many months is "medio"?
        "volgend jaar",
        "vanaf binnenkort",
        "na de zomer",
        "ntb ergens",
        "1850",
        "2150",
        "jan '22 -",
        "- jan '22",
        "doorlopend tot 2023 en verder",
        "x" * (MAX_TEXT_LENGTH + 1),
        "\x00",
        "٢٠٢١",  # digits of another script are not read as a year
    ],
)
def test_a_planning_text_it_cannot_read_says_so(text):
    reading = parse_planning(text)
    assert isinstance(reading, Unreadable)
    assert reading.text == text
    assert reading.reason


def test_an_end_before_the_start_says_why():
    with translation.override("en"):
        reading = parse_planning("nov - feb 22")
    assert reading.reason == "The end comes before the start."


# -- estimate: the forms people write --------------------------------------------------------


def money(value: str) -> Decimal:
    return Decimal(value)


@pytest.mark.parametrize(
    ("text", "low", "high", "doubtful", "approximate"),
    [
        ("ca. 50-60k", "50000", "60000", False, True),
        ("Ca. 50-60k", "50000", "60000", False, True),
        ("circa 50k - 60k", "50000", "60000", False, True),
        ("± 10k", "10000", "10000", False, True),
        ("40-50k?", "40000", "50000", True, False),
        ("ca. 30k?", "30000", "30000", True, True),
        ("5000,-", "5000", "5000", False, False),
        ("50.000,-", "50000", "50000", False, False),
        ("€ 12.500", "12500", "12500", False, False),
        ("€12.500,50", "12500.50", "12500.50", False, False),
        ("12.50", "12.50", "12.50", False, False),
        ("EUR 1.000.000", "1000000", "1000000", False, False),
        ("1,5 mln", "1500000", "1500000", False, False),
        ("2 miljoen euro", "2000000", "2000000", False, False),
        ("1.5k", "1500", "1500", False, False),
        ("50 à 60k", "50000", "60000", False, False),
        ("10 tot 20 duizend", "10000", "20000", False, False),
        ("€ 10.000 – € 20.000", "10000", "20000", False, False),
        ("0", "0", "0", False, False),
        ("99.999.999,99", "99999999.99", "99999999.99", False, False),
    ],
)
def test_an_estimate_text_reads_as_it_says(text, low, high, doubtful, approximate):
    assert parse_estimate(text) == EstimateReading(
        money(low), money(high), doubtful=doubtful, approximate=approximate
    )


@pytest.mark.parametrize(
    ("text", "absent", "doubtful"),
    [
        ("", Absent.NONE, False),
        ("-", Absent.NONE, False),
        ("n.v.t.", Absent.NONE, False),
        ("PM", Absent.PRO_MEMORIA, False),
        ("p.m.", Absent.PRO_MEMORIA, False),
        ("ntb", Absent.UNDECIDED, False),
        ("N.t.b.", Absent.UNDECIDED, False),
        ("?", Absent.NONE, True),
    ],
)
def test_an_estimate_without_an_amount_names_none(text, absent, doubtful):
    assert parse_estimate(text) == EstimateReading(absent=absent, doubtful=doubtful)


@pytest.mark.parametrize(
    "text",
    [
        "12,500",  # twelve and a half, or twelve thousand five hundred?
        "60-50k",  # the maximum below the minimum
        "50k-60",
        "-5000",
        "veel",
        "ca.",
        "ca. ntb",
        "50-60-70k",
        "100.000.000",  # over the portal's largest amount
        "1.5555k",
        "max. 20k",  # no minimum: not guessed as zero
        "20k excl. btw",  # amounts are incl. VAT
        "5 %",
        "x" * (MAX_TEXT_LENGTH + 1),
        "٥٠٠٠",
    ],
)
def test_an_estimate_text_it_cannot_read_says_so(text):
    reading = parse_estimate(text)
    assert isinstance(reading, Unreadable)
    assert reading.text == text
    assert reading.reason


# -- in words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("najaar '21 - zomer '22", "september 2021 t/m augustus 2022"),
        ("Oktober 2021", "oktober 2021"),
        ("2022", "2022"),
        ("doorlopend", "doorlopend"),
        ("vanaf jan '22", "vanaf januari 2022"),
        ("Na 2022", "vanaf januari 2023"),
        ("n.n.t.b. 2022", "nog te bepalen (2022)"),
        ("ntb (Q1 2023)", "nog te bepalen (januari 2023 t/m maart 2023)"),
        ("ntb", "nog te bepalen"),
    ],
)
def test_a_planning_in_dutch_words(text, words):
    with translation.override("nl"):
        assert describe_planning(parse_planning(text)) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ca. 50-60k", "€ 50.000 – € 60.000 (ongeveer)"),
        ("40-50k?", "€ 40.000 – € 50.000 (onzeker)"),
        ("ca. 30k?", "€ 30.000 (ongeveer, onzeker)"),
        ("5000,-", "€ 5.000"),
        ("€ 12.500,50", "€ 12.500,50"),
        ("PM", "pro memorie: het bedrag is nog niet bekend"),
        ("ntb", "nog te bepalen"),
        ("-", "geen bedrag"),
    ],
)
def test_an_estimate_in_dutch_words(text, words):
    with translation.override("nl"):
        assert describe_estimate(parse_estimate(text)) == words


def test_an_unreadable_text_in_words_gives_the_reason():
    with translation.override("nl"):
        assert describe_planning(parse_planning("nov - feb 22")) == (
            "Niet te lezen: Het einde ligt vóór het begin."
        )
        assert describe_estimate(parse_estimate("60-50k")).startswith("Niet te lezen: ")


def test_the_words_are_english_in_english():
    with translation.override("en"):
        assert describe_planning(parse_planning("najaar '21 - zomer '22")) == (
            "September 2021 to August 2022"
        )
        assert describe_estimate(parse_estimate("ca. 50-60k")) == (
            "€ 50.000 – € 60.000 (approximately)"
        )


# -- properties over any text ----------------------------------------------------------------

# Text that looks like a plan's more often than random text does.
PIECES = st.sampled_from(
    [
        "najaar", "zomer", "voorjaar", "winter", "q1", "Q4", "h2", "begin", "eind", "jan",
        "Okt", "mrt", "maa", "dec", "sept", "/", "-", "–", " t/m ", " tot ", "'", "’", "21",
        "22", "2021", "2023", "1-10-", "vanaf ", "na ", "ntb", "n.n.t.b.", "doorlopend",
        "ca.", "k", "?", "€", ",-", ".", ",", "000", "5", "50", "mln", " à ", "PM", " ",
    ]
)  # fmt: skip
PLAN_LIKE = st.lists(PIECES, max_size=8).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=150), PLAN_LIKE)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_a_planning_text_never_crashes_and_never_ends_before_it_starts(text):
    reading = parse_planning(text)
    if isinstance(reading, Unreadable):
        assert reading.reason
        return
    assert reading.kind in PlanningKind.values
    for when in (reading.start, reading.end):
        assert when is None or when.day == 1
    if reading.start is not None and reading.end is not None:
        assert reading.start <= reading.end
    if reading.kind == PlanningKind.PERIOD:
        assert reading.start is not None and reading.end is not None
    if reading.kind == PlanningKind.FROM:
        assert reading.start is not None and reading.end is None
    if reading.kind == PlanningKind.ONGOING:
        assert reading.start is None and reading.end is None
    assert describe_planning(reading)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_an_estimate_text_never_crashes_and_never_has_a_maximum_below_its_minimum(text):
    reading = parse_estimate(text)
    if isinstance(reading, Unreadable):
        assert reading.reason
        return
    assert (reading.minimum is None) == (reading.maximum is None)
    if reading.minimum is not None:
        assert Decimal(0) <= reading.minimum <= reading.maximum <= Decimal("99999999.99")
        assert reading.minimum == reading.minimum.quantize(Decimal("0.01"))
        assert reading.maximum.as_tuple().exponent == -2
    assert describe_estimate(reading)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2000, 2099),
    st.integers(1, 12),
    st.integers(0, 30),
)
def test_a_range_of_months_reads_back_as_written(year, first, length):
    start = D(year, first, 1)
    end_index = year * 12 + first - 1 + length
    end = D(end_index // 12, end_index % 12 + 1, 1)
    if end.year > 2099:
        return
    text = f"{start:%m-%Y} t/m {end:%m-%Y}"
    assert parse_planning(text) == PlanningReading(PlanningKind.PERIOD, start, end)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99_999), st.integers(0, 99_999), st.booleans())
def test_a_range_in_thousands_reads_back_as_written(low, high, doubtful):
    low, high = sorted((low, high))
    text = f"ca. {low}-{high}k" + ("?" if doubtful else "")
    assert parse_estimate(text) == EstimateReading(
        Decimal(low * 1000), Decimal(high * 1000), doubtful=doubtful, approximate=True
    )
