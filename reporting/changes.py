"""What changed between two snapshots, or between a snapshot and the current state.

Pure: two captured data dicts in (``{"items": capture_items(...)}``, as a snapshot keeps
them), a list of ``Change`` out, in the fixed order of ``ChangeKind`` and within a kind by
team and title. No queries, so the changes of any two snapshots cost nothing but reading
them.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

# The states of the other apps as the captured data holds them (``SpendingState``,
# ``BookingState``): strings, so that comparing needs no app.
APPROVED = "goedgekeurd"
REALISED = "gerealiseerd"
REJECTED = "afgewezen"
HELD = "gehouden"

PLANNING_FIELDS = ("planning_label", "planning_kind", "start_month", "end_month")
ESTIMATE_FIELDS = ("estimate_min", "estimate_max", "estimate_doubtful")


class ChangeKind(models.TextChoices):
    """The kinds of change, in the order the pages show them."""

    BUDGET_LINE = "budget_line", _("Budget lines")
    BUDGET_SPACE = "budget_space", _("Budget space")
    APPROVED = "approved", _("Spending approved")
    REALISED = "realised", _("Spending realised")
    REJECTED = "rejected", _("Spending rejected")
    STATUS = "status", _("Status shifts")
    PLANNING = "planning", _("Planning shifts")
    ESTIMATE = "estimate", _("Estimate changes")
    DECISION = "decision", _("New decisions")
    WORKSHOP_HELD = "workshop_held", _("Workshops held")
    OPEN_POINT_NEW = "open_point_new", _("New open points")
    OPEN_POINT_CLOSED = "open_point_closed", _("Closed open points")
    ACTIVITY_ADDED = "activity_added", _("Activities added")
    ACTIVITY_REMOVED = "activity_removed", _("Activities removed")


@dataclass(frozen=True)
class Change:
    """One change: of which kind, the team (``"OT1"``) when it has one, the object's
    title, what it was and what it is (the fields that matter for the kind; ``None``
    when the object was not there), and where the object is (URL name and arguments)."""

    kind: str
    title: str
    team: str | None = None
    was: dict | None = None
    now: dict | None = None
    link: tuple[str, tuple] | None = None
    # The object's key in the captured data.
    key: str = ""


@dataclass(frozen=True)
class ChangeGroup:
    kind: str
    label: str
    changes: list[Change] = field(default_factory=list)


def _pick(row: dict | None, names: Iterable[str]) -> dict | None:
    return None if row is None else {name: row.get(name) for name in names}


def _differs(old: dict, new: dict, names: Iterable[str]) -> bool:
    return any(old.get(name) != new.get(name) for name in names)


def _budget_lines(old: dict, new: dict) -> Iterator[Change]:
    for key in old.keys() | new.keys():
        before, after = old.get(key), new.get(key)
        if before and after and before["amount"] == after["amount"]:
            continue
        row = after or before
        yield Change(
            kind=ChangeKind.BUDGET_LINE,
            title=f"{row['team']} {row['period']}",
            team=row["team"],
            was=_pick(before, ["amount"]),
            now=_pick(after, ["amount"]),
            link=("budget-line-detail", (int(key),)) if after else None,
            key=key,
        )


def _budget_space(old: dict, new: dict) -> Iterator[Change]:
    names = ("amount_min", "amount_max")
    for key in old.keys() | new.keys():
        before, after = old.get(key), new.get(key)
        if before and after and not _differs(before, after, names):
            continue
        yield Change(
            kind=ChangeKind.BUDGET_SPACE,
            title=key,
            was=_pick(before, names),
            now=_pick(after, names),
            key=key,
        )


def _spending(old: dict, new: dict) -> Iterator[Change]:
    kinds = {
        APPROVED: ChangeKind.APPROVED,
        REALISED: ChangeKind.REALISED,
        REJECTED: ChangeKind.REJECTED,
    }
    names = ("state", "amount", "actual_amount")
    for key, after in new.items():
        before = old.get(key)
        kind = kinds.get(after["state"])
        if kind is None or (before and before["state"] == after["state"]):
            continue
        yield Change(
            kind=kind,
            title=after["title"],
            team=after["team"],
            was=_pick(before, names),
            now=_pick(after, names),
            link=("spending-detail", (int(key),)),
            key=key,
        )


def _activities(old: dict, new: dict) -> Iterator[Change]:
    shown = ("status", "planning_label")
    for key in old.keys() | new.keys():
        before, after = old.get(key), new.get(key)
        row = after or before
        link = ("activity-detail", (int(key),)) if after else None
        common = {"title": row["title"], "team": row["team"], "link": link, "key": key}
        if before is None:
            yield Change(kind=ChangeKind.ACTIVITY_ADDED, now=_pick(after, shown), **common)
        elif after is None:
            yield Change(kind=ChangeKind.ACTIVITY_REMOVED, was=_pick(before, shown), **common)
        else:
            for kind, names in (
                (ChangeKind.STATUS, ("status",)),
                (ChangeKind.PLANNING, PLANNING_FIELDS),
                (ChangeKind.ESTIMATE, ESTIMATE_FIELDS),
            ):
                if _differs(before, after, names):
                    yield Change(
                        kind=kind, was=_pick(before, names), now=_pick(after, names), **common
                    )
        # Open points: those of an added activity are new; a removed activity's points
        # go with it (it shows as removed), they were not closed.
        if after is None:
            continue
        had = set(before["open_points"]) if before else set()
        has = set(after["open_points"])
        for point in sorted(has - had):
            yield Change(
                kind=ChangeKind.OPEN_POINT_NEW,
                was=None if before is None else {"point": point, "open": False},
                now={"point": point, "open": True},
                **common,
            )
        for point in sorted(had - has):
            yield Change(
                kind=ChangeKind.OPEN_POINT_CLOSED,
                was={"point": point, "open": True},
                now={"point": point, "open": False},
                **common,
            )


def _decisions(old: dict, new: dict) -> Iterator[Change]:
    for key in new.keys() - old.keys():
        row = new[key]
        yield Change(
            kind=ChangeKind.DECISION,
            title=row["title"],
            now=_pick(row, ("date", "meeting", "reference")),
            link=("decision-list", ()),
            key=key,
        )


def _bookings(old: dict, new: dict) -> Iterator[Change]:
    names = ("state", "case", "start")
    for key, after in new.items():
        before = old.get(key)
        if after["state"] != HELD or (before and before["state"] == HELD):
            continue
        yield Change(
            kind=ChangeKind.WORKSHOP_HELD,
            title=after["title"],
            team=after["team"],
            was=_pick(before, names),
            now=_pick(after, names),
            link=("booking-detail", (int(key),)),
            key=key,
        )


_COMPARE = {
    "budget_lines": _budget_lines,
    "budget_space": _budget_space,
    "spending": _spending,
    "activities": _activities,
    "decisions": _decisions,
    "bookings": _bookings,
}
_ORDER = {kind: n for n, kind in enumerate(ChangeKind.values)}


def _team_order(team: str | None) -> tuple[int, str]:
    # "OT2" before "OT10"; changes without a team last.
    return (len(team), team) if team else (99, "")


def changes_between(older: dict, newer: dict) -> list[Change]:
    """The changes from ``older`` to ``newer`` (snapshot data: ``{"items": ...}``), by
    kind in the order of ``ChangeKind``, then by team and title."""
    old_items, new_items = older.get("items", {}), newer.get("items", {})
    changes = [
        change
        for name, compare in _COMPARE.items()
        for change in compare(old_items.get(name, {}), new_items.get(name, {}))
    ]
    return sorted(
        changes,
        key=lambda c: (_ORDER[c.kind], _team_order(c.team), c.title.casefold(), c.key),
    )


def group_changes(changes: list[Change]) -> list[ChangeGroup]:
    """The changes in groups per kind, in the order of ``ChangeKind``; empty kinds left out."""
    groups: dict[str, ChangeGroup] = {}
    for change in changes:
        if change.kind not in groups:
            groups[change.kind] = ChangeGroup(
                kind=change.kind, label=str(ChangeKind(change.kind).label)
            )
        groups[change.kind].changes.append(change)
    return sorted(groups.values(), key=lambda group: _ORDER[group.kind])
