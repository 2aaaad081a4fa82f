"""The changes in words for the pages: per change, its link and what each of its figures
was and is ("Goedgekeurd", "€ 12.500,00", "maart 2022"), in the user's language."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import ActivityStatus, PlanningKind
from citydeal.formatting import UNKNOWN, format_euro
from reporting.changes import Change, ChangeGroup, ChangeKind
from spending.constants import SpendingState
from workshops.constants import BookingState

FIELD_LABELS = {
    "amount": gettext_lazy("Amount"),
    "amount_min": gettext_lazy("Minimum"),
    "amount_max": gettext_lazy("Maximum"),
    "state": gettext_lazy("State"),
    "actual_amount": gettext_lazy("Actual amount"),
    "status": gettext_lazy("Status"),
    "planning_label": gettext_lazy("Planning in the plan's words"),
    "planning_kind": gettext_lazy("Kind of planning"),
    "start_month": gettext_lazy("Start month"),
    "end_month": gettext_lazy("End month"),
    "estimate_min": gettext_lazy("Estimate minimum"),
    "estimate_max": gettext_lazy("Estimate maximum"),
    "estimate_doubtful": gettext_lazy("Estimate in doubt"),
    "date": gettext_lazy("Date"),
    "meeting": gettext_lazy("Meeting"),
    "reference": gettext_lazy("Reference"),
    "case": gettext_lazy("Case"),
    "start": gettext_lazy("Start"),
}
OPEN_POINT_LABELS = {
    "planning_open": gettext_lazy("Period to be decided"),
    "estimate_open": gettext_lazy("Estimate to be decided"),
    "responsible_open": gettext_lazy("Responsible to be decided"),
    "estimate_doubtful": gettext_lazy("Doubtful estimate"),
}
MONEY = {"amount", "amount_min", "amount_max", "actual_amount", "estimate_min", "estimate_max"}
MONTHS = {"start_month", "end_month"}
SPENDING_KINDS = {ChangeKind.APPROVED, ChangeKind.REALISED, ChangeKind.REJECTED}


@dataclass(frozen=True)
class Fact:
    label: str
    was: str
    now: str


@dataclass(frozen=True)
class ChangeRow:
    change: Change
    url: str | None
    facts: list[Fact]


def _choice(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)  # a state the portal no longer knows: its stored word


def _value(kind: str, name: str, value) -> str:
    if value is None or value == "":
        return UNKNOWN
    if name in MONEY:
        return format_euro(Decimal(value), True)
    if name in MONTHS:
        return formats.date_format(datetime.date.fromisoformat(value), "YEAR_MONTH_FORMAT")
    if name == "date":
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    if name == "start":
        moment = timezone.localtime(datetime.datetime.fromisoformat(value))
        return formats.date_format(moment, "DATETIME_FORMAT")
    if name == "state":
        return _choice(SpendingState if kind in SPENDING_KINDS else BookingState, value)
    if name == "status":
        return _choice(ActivityStatus, value)
    if name == "planning_kind":
        return _choice(PlanningKind, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _facts(change: Change) -> list[Fact]:
    if change.kind in (ChangeKind.OPEN_POINT_NEW, ChangeKind.OPEN_POINT_CLOSED):
        point = (change.now or change.was)["point"]
        was = None if change.was is None else change.was["open"]
        return [
            Fact(
                label=str(OPEN_POINT_LABELS.get(point, point)),
                was=UNKNOWN if was is None else (_("open") if was else _("closed")),
                now=_("open") if change.now["open"] else _("closed"),
            )
        ]
    was, now = change.was or {}, change.now or {}
    names = list(dict.fromkeys([*was, *now]))
    if change.was is not None and change.now is not None:
        # What stayed the same is no change, except the amounts of a spending step.
        names = [n for n in names if was.get(n) != now.get(n) or change.kind in SPENDING_KINDS]
    return [
        Fact(
            label=str(FIELD_LABELS.get(name, name)),
            was=_value(change.kind, name, was.get(name)) if change.was is not None else UNKNOWN,
            now=_value(change.kind, name, now.get(name)) if change.now is not None else UNKNOWN,
        )
        for name in names
    ]


def change_url(change: Change) -> str | None:
    if change.link is None:
        return None
    name, args = change.link
    return reverse(name, args=args)


@dataclass(frozen=True)
class WordedGroup:
    group: ChangeGroup
    rows: list[ChangeRow]
    # How many changes of the group are not in ``rows`` (shown on a page of their own).
    more: int = 0


def worded(groups: list[ChangeGroup], *, limit: int | None = None) -> list[WordedGroup]:
    """Each group with its changes in words, at most ``limit`` of each."""
    return [
        WordedGroup(
            group=group,
            rows=[
                ChangeRow(change=change, url=change_url(change), facts=_facts(change))
                for change in group.changes[:limit]
            ],
            more=max(0, len(group.changes) - limit) if limit is not None else 0,
        )
        for group in groups
    ]
