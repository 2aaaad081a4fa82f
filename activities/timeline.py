"""The programme timeline's geometry: where each activity's bar, each milestone and the
line for today stand on a month axis. Pure (no database, no HTTP): the page draws what
this computes as SVG, so the timeline reads without JavaScript and prints as it shows.

A bar never claims more than the plan says: a period is drawn from its first to its
last month; ongoing work and work "from a month on" run to the axis's end with an open
end; work whose period is to be decided gets a mark of its own at the start of its known
year (or of the axis), not a bar.
"""

import datetime
from dataclasses import dataclass, field

from activities.models import PlanningKind
from citydeal.months import add_months

# The axis when the data says nothing earlier or later: autumn 2021 to the end of 2023.
DEFAULT_FIRST = datetime.date(2021, 9, 1)
DEFAULT_LAST = datetime.date(2023, 12, 1)
# Activities per page of the timeline: the whole plan (48) on one, a readable page at scale.
PAGE_SIZE = 120

MONTH_WIDTH = 36  # px per month
ROW_HEIGHT = 24  # px per activity row
LANE_HEADER = 26  # px above a lane's rows, for its team's name
MILESTONE_HEIGHT = 30  # px of the milestone lane
AXIS_HEIGHT = 36  # px of the month and year labels
LABEL_WIDTH = 0  # the bars' titles stand on the bars; the table names them in full


def month_index(first: datetime.date, month: datetime.date) -> int:
    return (month.year - first.year) * 12 + month.month - first.month


def axis_bounds(months: list[datetime.date]) -> tuple[datetime.date, datetime.date]:
    """The first and last month of the axis: the default span, widened to the data (the
    line for today shows only when today lies on it)."""
    first = min([DEFAULT_FIRST, *months])
    last = max([DEFAULT_LAST, *months])
    return first.replace(day=1), last.replace(day=1)


@dataclass
class Bar:
    activity: object
    x: int
    y: int
    width: int
    kind: str  # "period", "open" (ongoing or from a month on), "tbd"
    label: str


@dataclass
class Milestone:
    x: int
    title: str
    when: datetime.date
    kind: str  # "event", "workshop" or "more" (a busy month's mark: ``count`` more)
    url: str = ""
    count: int = 0


@dataclass
class Lane:
    team: object
    y: int
    height: int
    bars: list[Bar] = field(default_factory=list)


@dataclass
class MonthTick:
    x: int
    month: datetime.date
    year_start: bool


@dataclass
class Timeline:
    first: datetime.date
    last: datetime.date
    width: int
    height: int
    months: list[MonthTick]
    lanes: list[Lane]
    milestones: list[Milestone]
    today_x: int | None


def _bar(activity, *, first: datetime.date, last: datetime.date, y: int) -> Bar:
    kind = activity.planning_kind
    start, end = activity.start_month, activity.end_month
    if kind == PlanningKind.PERIOD and start:
        end = end or start
        x0, x1 = month_index(first, start), month_index(first, end) + 1
        shape = "period"
    elif kind in (PlanningKind.ONGOING, PlanningKind.FROM):
        x0 = month_index(first, start) if start else 0
        x1 = month_index(first, last) + 1
        shape = "open"
    else:  # to be decided: a mark at its known start (a year the plan names), or the axis's
        x0 = month_index(first, start) if start else 0
        x1 = x0 + 1
        shape = "tbd"
    x0 = max(0, x0)
    return Bar(
        activity=activity,
        x=x0 * MONTH_WIDTH,
        y=y,
        width=max(1, x1 - x0) * MONTH_WIDTH,
        kind=shape,
        label=activity.title,
    )


def build_timeline(
    *,
    teams,
    activities,
    milestones: list[Milestone],
    today: datetime.date,
    span: tuple[datetime.date | None, datetime.date | None] = (None, None),
) -> Timeline:
    """Lays out ``activities`` (each with ``team_id``, in the order to draw them) in one
    lane per team of ``teams``, with ``milestones`` (their ``when`` set, ``x`` filled in
    here) above them and a line for ``today``. The axis reaches ``span``'s months too
    (those of every page, when ``activities`` are one page of them)."""
    months = (
        [month for month in span if month is not None]
        + [
            month
            for activity in activities
            for month in (activity.start_month, activity.end_month)
            if month is not None
        ]
        + [milestone.when.replace(day=1) for milestone in milestones]
    )
    first, last = axis_bounds(months)
    count = month_index(first, last) + 1
    ticks = [
        MonthTick(
            x=n * MONTH_WIDTH,
            month=add_months(first, n),
            year_start=add_months(first, n).month == 1 or n == 0,
        )
        for n in range(count)
    ]
    placed = []
    for milestone in milestones:
        index = month_index(first, milestone.when.replace(day=1))
        days = (milestone.when - milestone.when.replace(day=1)).days
        milestone.x = index * MONTH_WIDTH + round(days / 31 * MONTH_WIDTH)
        placed.append(milestone)
    by_team: dict[int, list] = {}
    for activity in activities:
        by_team.setdefault(activity.team_id, []).append(activity)
    y = AXIS_HEIGHT + MILESTONE_HEIGHT
    lanes = []
    for team in teams:
        rows = by_team.get(team.pk, [])
        lane = Lane(team=team, y=y, height=LANE_HEADER + max(1, len(rows)) * ROW_HEIGHT)
        for n, activity in enumerate(rows):
            lane.bars.append(
                _bar(activity, first=first, last=last, y=y + LANE_HEADER + n * ROW_HEIGHT)
            )
        lanes.append(lane)
        y += lane.height
    today_month = today.replace(day=1)
    today_x = None
    if first <= today_month <= last:
        today_x = month_index(first, today_month) * MONTH_WIDTH + round(
            (today.day - 1) / 31 * MONTH_WIDTH
        )
    return Timeline(
        first=first,
        last=last,
        width=count * MONTH_WIDTH,
        height=y + 4,
        months=ticks,
        lanes=lanes,
        milestones=placed,
        today_x=today_x,
    )
