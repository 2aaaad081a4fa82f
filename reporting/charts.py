"""The dashboard's charts as geometry for a server-rendered SVG: horizontal bars with a
row per team, a scale, and a text on each bar, so that no chart relies on colour alone
(each series also has its own pattern, named in the legend, and the page puts the same
figures in a table beside the chart). Pure: the dashboard's data in (``figures.as_data``),
positions out; the templates draw them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 640  # px of the drawing, labels included
LABEL_WIDTH = 70  # px for the team codes left of the bars
VALUE_ROOM = 110  # px right of the longest bar for its value
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 12
TOP = 24  # px for the scale's labels

# The series of the money chart, with the pattern the template draws for each.
MONEY_SERIES = ("planned", "estimate", "committed")
# The activity statuses, in the order of the stacked bars, each with its own fill.
STATUS_ORDER = ("done", "in_progress", "planned", "possible", "cancelled")


@dataclass(frozen=True)
class Segment:
    series: str
    x: float
    width: float
    # A range (the estimate's minimum to maximum): solid for ``solid_width``, open on.
    solid_width: float | None = None
    # The number a part of a stacked bar stands for, written on it when it fits.
    count: int | None = None

    @property
    def count_fits(self) -> bool:
        return self.count is not None and self.width >= 8 + 7 * len(str(self.count))

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class BarRow:
    y: int
    series: str
    segments: list[Segment]
    text: str
    text_x: float

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 3


@dataclass
class TeamRows:
    label: str
    number: int
    y: int
    bars: list[BarRow] = field(default_factory=list)

    @property
    def label_y(self) -> int:
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    teams: list[TeamRows]
    ticks: list[Tick]
    x0: int = LABEL_WIDTH


def _nice_top(largest: Decimal) -> Decimal:
    """A round top for the scale: 1, 2 or 5 times a power of ten, at least ``largest``."""
    if largest <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(largest))) - 1)
    for step in (1, 2, 5, 10):
        if step * power >= largest:
            return step * power
    return 10 * power  # pragma: no cover - the loop ends at 10


def _scale(top: Decimal):
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM

    def x(value: Decimal) -> float:
        return round(LABEL_WIDTH + float(value / top) * room, 1)

    return x


def _amount(value) -> Decimal:
    return Decimal(value) if value not in (None, "") else Decimal(0)


def money_chart(data: dict, *, format_amount) -> Chart:
    """Per team: the budget lines of every period (planned), the activities' estimate (the
    minimum solid, up to the maximum lighter) and what is committed (approved and
    realised). ``format_amount`` writes an amount for the bar's text."""
    teams = data["money"]["teams"]
    values = [
        _amount(team[name])
        for team in teams
        for name in ("planned", "estimate_max", "estimate_min", "approved", "realised")
    ]
    top = _nice_top(max(values, default=Decimal(0)))
    x = _scale(top)
    rows, y = [], TOP
    for team in teams:
        committed = _amount(team["approved"]) + _amount(team["realised"])
        low, high = _amount(team["estimate_min"]), _amount(team["estimate_max"])
        estimate_text = (
            format_amount(low) if low == high else f"{format_amount(low)} – {format_amount(high)}"
        )
        if team["estimate_min"] is None:
            estimate_text = "—"
        row = TeamRows(label=team["team"]["code"], number=team["team"]["number"], y=y)
        for series, start, end, low_x, text in (
            ("planned", 0, _amount(team["planned"]), None, format_amount(_amount(team["planned"]))),
            ("estimate", 0, high, x(low) if high > low else None, estimate_text),
            ("committed", 0, committed, None, format_amount(committed)),
        ):
            width = max(x(end) - x(start), 0)
            row.bars.append(
                BarRow(
                    y=y,
                    series=series,
                    segments=[
                        Segment(
                            series=series,
                            x=x(start),
                            width=width,
                            solid_width=None if low_x is None else low_x - x(start),
                        )
                    ],
                    text=text,
                    text_x=x(end) + 4,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        rows.append(row)
        y += ROW_GAP
    ticks = [Tick(x=x(top * n / 4), label=format_amount(top * n / 4)) for n in range(5)]
    return Chart(width=WIDTH, height=int(y), teams=rows, ticks=ticks)


def status_chart(data: dict) -> Chart:
    """Per team: one bar of its activities stacked by status, in ``STATUS_ORDER``, with
    the number of each status on its part when it fits and the total after the bar."""
    progress = data["progress"]
    top = Decimal(max((row["total"] for row in progress), default=0) or 1)
    x = _scale(top)
    rows, y = [], TOP
    for row in progress:
        team = TeamRows(label=row["team"]["code"], number=row["team"]["number"], y=y)
        segments, done = [], 0
        for status in STATUS_ORDER:
            count = row["by_status"].get(status, 0)
            if count:
                start, end = x(Decimal(done)), x(Decimal(done + count))
                segments.append(
                    Segment(series=status, x=start, width=round(end - start, 1), count=count)
                )
                done += count
        team.bars.append(
            BarRow(
                y=y,
                series="status",
                segments=segments,
                text=str(row["total"]),
                text_x=x(Decimal(done)) + 4,
            )
        )
        rows.append(team)
        y += BAR_HEIGHT + ROW_GAP
    step = max(1, int(top) // 4)
    ticks = [Tick(x=x(Decimal(n)), label=str(n)) for n in range(0, int(top) + 1, step)]
    return Chart(width=WIDTH, height=int(y), teams=rows, ticks=ticks)
