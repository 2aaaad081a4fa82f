"""Writes of the activities app: a team lead keeps the team's planning current, in the
browser or by importing it from a spreadsheet."""

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, ProtectedError
from django.utils.translation import gettext as _

from accounts.models import User
from activities import excel, excel_import
from activities.models import Activity, ActivityStatus, PlanningKind
from activities.permissions import (
    can_add_activity,
    can_delete_activity,
    can_edit_activity,
    can_import_planning,
)
from activities.planning_text import (
    Unreadable,
    estimate_fields,
    parse_estimate,
    parse_planning,
    planning_fields,
)
from cases.models import Case
from citydeal.historical import history_bulk_create, save_with_history
from citydeal.services import assign, ensure_allowed, links_differ
from teams.models import Goal, Team


@dataclass(frozen=True)
class ActivityInput:
    """What a team lead fills in for an activity (the row of the planning table)."""

    title: str
    goal: Goal | None = None
    explanation: str = ""
    result: str = ""
    responsible: str = ""
    planning_label: str = ""
    planning_kind: str = PlanningKind.TBD
    start_month: datetime.date | None = None
    end_month: datetime.date | None = None
    estimate_text: str = ""
    estimate_min: Decimal | None = None
    estimate_max: Decimal | None = None
    estimate_doubtful: bool = False
    status: str = ActivityStatus.PLANNED
    note: str = ""
    cases: list[Case] = field(default_factory=list)

    def fields(self) -> dict:
        """The values of the activity's own fields (all but the case links), trimmed."""
        values = {}
        for item in dataclass_fields(self):
            if item.name != "cases":
                value = getattr(self, item.name)
                values[item.name] = value.strip() if isinstance(value, str) else value
        return values


def _check_input(*, team: Team, data: ActivityInput) -> None:
    errors = {}
    if data.estimate_max is not None and data.estimate_min is None:
        errors["estimate_min"] = _("Enter the minimum too (the same as the maximum if fixed).")
    foreign = [case for case in data.cases if case.programme_id != team.programme_id]
    if foreign:
        errors["cases"] = _("A case of another programme cannot be linked.")
    if errors:
        raise ValidationError(errors)


def _create(*, team: Team, by: User, data: ActivityInput) -> Activity:
    """Add an activity at the end of the locked ``team``'s planning; the rule is the
    caller's."""
    _check_input(team=team, data=data)
    last = Activity.objects.filter(team=team).aggregate(last=Max("order"))["last"] or 0
    activity = Activity(team=team, order=last + 1, **data.fields())
    activity.full_clean()
    save_with_history(activity, by=by, created=True, links={"cases": data.cases})
    return activity


def _update(*, activity: Activity, by: User, data: ActivityInput) -> Activity:
    """Change the locked ``activity`` (with its team); one history record when anything
    changed. The rule is the caller's."""
    _check_input(team=activity.team, data=data)
    changed = assign(activity, **data.fields())
    cases_changed = links_differ(activity, cases=data.cases)
    if changed or cases_changed:
        activity.full_clean()
        save_with_history(activity, by=by, links={"cases": data.cases} if cases_changed else None)
    return activity


@transaction.atomic
def activity_create(*, team: Team, by: User, data: ActivityInput) -> Activity:
    """Add an activity at the end of the team's planning table."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    ensure_allowed(can_add_activity(by, team))
    return _create(team=team, by=by, data=data)


@transaction.atomic
def activity_update(*, activity: Activity, by: User, data: ActivityInput) -> Activity:
    """Change an activity; one history record by ``by`` when anything changed."""
    activity = Activity.objects.select_for_update().select_related("team").get(pk=activity.pk)
    ensure_allowed(can_edit_activity(by, activity))
    return _update(activity=activity, by=by, data=data)


# -- removing an activity -------------------------------------------------------------------


def _referred(activity_ids: Iterable[int]) -> dict[int, list[str]]:
    """Of ``activity_ids``, those that other rows refer to (spending requests, workshops),
    each with the names of what refers to it. One query per kind of reference, whatever
    the number of activities."""
    ids = list(activity_ids)
    referred: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return referred
    for relation in Activity._meta.related_objects:
        if relation.many_to_many:
            continue
        model, name = relation.related_model, relation.field.name
        rows = model._default_manager.filter(**{f"{name}__in": ids})
        for pk in rows.values_list(relation.field.attname, flat=True).distinct():
            referred[pk].append(str(model._meta.verbose_name_plural))
    return referred


def _not_removable(activity: Activity, what: list[str]) -> str:
    return _(
        "“%(title)s” cannot be removed: %(what)s refer to it. Set its status to "
        "“%(cancelled)s” instead."
    ) % {
        "title": activity.title,
        "what": ", ".join(sorted(what)),
        "cancelled": ActivityStatus.CANCELLED.label,
    }


def _delete(*, activity: Activity, by: User) -> None:
    """Remove the locked ``activity``, with a history record by ``by``; the rule and the
    check of references are the caller's."""
    activity._history_user = by
    try:
        activity.delete()
    except ProtectedError as error:  # referred to since it was checked
        what = {str(obj._meta.verbose_name_plural) for obj in error.protected_objects}
        raise ValidationError(_not_removable(activity, sorted(what))) from error


@transaction.atomic
def activity_delete(*, activity: Activity, by: User) -> None:
    """Remove an activity from its team's planning. Refused while a spending request or
    a workshop refers to it: it is then cancelled (its status), not removed."""
    activity = Activity.objects.select_for_update().select_related("team").get(pk=activity.pk)
    ensure_allowed(can_delete_activity(by, activity))
    what = _referred([activity.pk]).get(activity.pk)
    if what:
        raise ValidationError(_not_removable(activity, what))
    _delete(activity=activity, by=by)


# -- a planning imported from a spreadsheet -------------------------------------------------

# The fields an import compares and writes, in the spreadsheet's order.
IMPORT_FIELDS = tuple(name for name in excel_import.FIELDS if name not in ("team", "id", "order"))
# The plan's words, how they are read, and the fields they fill in.
_PLANNING_TEXTS = {
    "planning_label": (
        parse_planning,
        planning_fields,
        ("planning_kind", "start_month", "end_month"),
    ),
    "estimate_text": (
        parse_estimate,
        estimate_fields,
        ("estimate_min", "estimate_max", "estimate_doubtful"),
    ),
}


@dataclass(frozen=True)
class FieldChange:
    """One field of an activity that an import changes: its value before and after."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class PlannedAdd:
    """A row without id: an activity the import adds at the end of the planning."""

    row: int
    data: ActivityInput


@dataclass(frozen=True)
class PlannedChange:
    """A row whose activity differs from the sheet: only the fields that differ."""

    row: int
    activity: Activity
    data: ActivityInput
    changes: list[FieldChange]


@dataclass
class ImportPlan:
    """What an import of a team's planning adds, changes and removes, and every error
    with its row and column. ``applied`` once it is written; ``stale`` when the planning
    changed since the plan the user saw (``expected``), so nothing was written."""

    added: list[PlannedAdd] = field(default_factory=list)
    changed: list[PlannedChange] = field(default_factory=list)
    removed: list[Activity] = field(default_factory=list)
    errors: list[excel_import.CellError] = field(default_factory=list)
    applied: bool = False
    stale: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def as_data(self) -> dict:
        """The plan as JSON values: dates in ISO 8601, amounts as decimal strings, a goal
        by its label, cases by their titles, choices by their values."""
        return {
            "added": [
                {
                    "row": add.row,
                    "title": add.data.title,
                    "fields": {
                        name: plain_value(_input_value(add.data, name)) for name in IMPORT_FIELDS
                    },
                }
                for add in self.added
            ],
            "changed": [
                {
                    "row": change.row,
                    "id": change.activity.pk,
                    "title": change.activity.title,
                    "changes": [
                        {"field": c.field, "old": plain_value(c.old), "new": plain_value(c.new)}
                        for c in change.changes
                    ],
                }
                for change in self.changed
            ],
            "removed": [{"id": a.pk, "title": a.title} for a in self.removed],
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message} for e in self.errors
            ],
            "applied": self.applied,
        }

    @property
    def fingerprint(self) -> str:
        """A digest of what the plan would write (the old values included): equal for two
        plans only when applying either changes the same from the same state."""
        data = self.as_data()
        shown = {key: data[key] for key in ("added", "changed", "removed")}
        return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def plain_value(value):
    """A field's value as JSON: ISO dates, decimal strings, a goal's label, case titles."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, Goal):
        return excel.goal_label(value)
    if isinstance(value, list | tuple):
        return [case.title for case in value]
    return value


def _input_value(data: ActivityInput, name: str):
    return data.cases if name == "cases" else data.fields()[name]


def _same(name: str, old, new) -> bool:
    """Whether a field's old and new value are the same for people: texts trimmed and with
    one kind of line end (a spreadsheet keeps no carriage returns), links by key."""
    if name == "cases":
        return {case.pk for case in old} == {case.pk for case in new}
    if name == "goal":
        return getattr(old, "pk", None) == getattr(new, "pk", None)
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()
    return old == new


def _current(activity: Activity | None) -> dict:
    """The values an import compares a row with: the activity's, or a new one's defaults."""
    if activity is None:
        defaults = ActivityInput(title="")
        return {name: _input_value(defaults, name) for name in IMPORT_FIELDS}
    values = {name: getattr(activity, name) for name in IMPORT_FIELDS if name != "cases"}
    values["cases"] = list(activity.cases.all())
    return values


def _read_texts(current: dict, values: dict) -> None:
    """The form's rule for the plan's words: where a row's planning (or estimate) text
    changed and its structured fields did not, the fields follow the text, when the portal
    can read it (``activities.planning_text``); otherwise they stay as in the row."""
    for name, (parse, fill, structured) in _PLANNING_TEXTS.items():
        text = values[name]
        if not text or _same(name, current[name], text):
            continue
        if any(not _same(other, current[other], values[other]) for other in structured):
            continue
        reading = parse(text)
        if not isinstance(reading, Unreadable):
            values.update(fill(reading))


def _row_values(row: dict, current: dict) -> dict:
    """A row's values for every imported field: what the row says, the current value
    where it says the same (so nothing is written for it) or leaves a choice empty."""
    values = {}
    for name in IMPORT_FIELDS:
        new = row[name]
        if new is None and name in ("planning_kind", "status"):
            new = current[name]
        values[name] = current[name] if _same(name, current[name], new) else new
    _read_texts(current, values)
    return values


def _row_errors(*, team: Team, row: int, data: ActivityInput, headers: list[str]) -> list:
    """The service's and the model's checks of a row, as errors in their columns. No
    queries: the constraints are checked by ``Activity.clean`` with their messages, and
    the goal is one of the team's (the parser matched it), so its key is not looked up."""
    try:
        _check_input(team=team, data=data)
        Activity(team=team, **data.fields()).full_clean(
            exclude=["team", "order", "goal"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        found = []
        for name, messages in error.message_dict.items():
            index = excel_import.FIELDS.index(name) if name in excel_import.FIELDS else 3
            found += [excel_import.CellError(row, headers[index], m) for m in messages]
        return found
    return []


def _plan(*, team: Team, content: bytes, activities: list[Activity]) -> ImportPlan:
    by_id = {activity.pk: activity for activity in activities}
    parsed = excel_import.parse_team_planning(
        content,
        team=team,
        activity_ids=set(by_id),
        goals=team.goals.order_by("order"),
        cases=Case.objects.filter(programme_id=team.programme_id).order_by("title"),
    )
    headers = excel_import.column_headers()
    plan = ImportPlan(errors=list(parsed.errors))
    bad_rows = {error.row for error in parsed.errors}
    seen = set()
    for row in parsed.rows:
        activity = by_id.get(row.get("id"))
        if activity is not None:
            seen.add(activity.pk)
        if row["row"] in bad_rows:
            continue
        current = _current(activity)
        values = _row_values(row, current)
        data = ActivityInput(**values)
        errors = _row_errors(team=team, row=row["row"], data=data, headers=headers)
        if errors:
            plan.errors += errors
        elif activity is None:
            plan.added.append(PlannedAdd(row["row"], data))
        else:
            changes = [
                FieldChange(name, current[name], values[name])
                for name in IMPORT_FIELDS
                if not _same(name, current[name], values[name])
            ]
            if changes:
                plan.changed.append(PlannedChange(row["row"], activity, data, changes))
    plan.removed = [activity for activity in activities if activity.pk not in seen]
    referred = _referred(activity.pk for activity in plan.removed)
    for activity in plan.removed:
        if activity.pk in referred:
            message = _not_removable(activity, referred[activity.pk])
            plan.errors.append(excel_import.CellError(None, headers[1], message))
    return plan


def _create_all(*, team: Team, by: User, rows: list[ActivityInput]) -> None:
    """Add the checked ``rows`` at the end of the locked ``team``'s planning, in their
    order, each with its cases and a history record by ``by`` as ``_create`` writes it;
    a few queries for any number of rows."""
    if not rows:
        return
    last = Activity.objects.filter(team=team).aggregate(last=Max("order"))["last"] or 0
    activities = [
        Activity(team=team, order=last + number, **data.fields())
        for number, data in enumerate(rows, start=1)
    ]
    for activity in activities:
        # Checked as the plan's rows were (``_row_errors``); team and goal are the
        # locked team and one of its goals, so their keys are not looked up again.
        activity.full_clean(
            exclude=["team", "goal"], validate_unique=False, validate_constraints=False
        )
        activity._history_user = by
    Activity.objects.bulk_create(activities)
    through = Activity.cases.through
    links = through.objects.bulk_create(
        through(activity_id=activity.pk, case_id=case.pk)
        for activity, data in zip(activities, rows, strict=True)
        for case in data.cases
    )
    history_bulk_create(Activity, activities, links={"cases": links})


def _one(pk: int) -> Activity:
    return Activity.objects.select_related("team").filter(pk=pk).first()


@transaction.atomic
def planning_import(
    *, team: Team, by: User, content: bytes, dry_run: bool, expected: str | None = None
) -> ImportPlan:
    """Compare a spreadsheet of ``team``'s planning (the export's layout) with the planning
    and, unless ``dry_run``, make the planning so: all of it in one transaction, or nothing.

    Rows with an id change their activity (a history record by ``by`` for each activity
    that differs, none for the others), rows without one are added at the end, and the
    team's activities that are not in the sheet are removed. Nothing is written when any
    row has an error, when an activity to remove is referred to, or when ``expected`` (the
    fingerprint of the plan the user saw) differs from the plan now: the planning changed
    meanwhile and the returned plan is ``stale``. Raises ``excel_import.FileRefused`` for a
    file that cannot be read at all, PermissionDenied for whom the rule refuses.
    """
    locked = Team.objects.select_related("programme")
    if not dry_run:
        locked = locked.select_for_update(of=("self",))
    team = locked.get(pk=team.pk)
    ensure_allowed(can_import_planning(by, team))
    activities = (
        Activity.objects.filter(team=team)
        .select_related("goal", "team")
        .prefetch_related(Prefetch("cases", queryset=Case.objects.order_by("title")))
        .order_by("order", "pk")
    )
    if not dry_run:
        activities = activities.select_for_update(of=("self",))
    plan = _plan(team=team, content=content, activities=list(activities))
    if dry_run or plan.errors or plan.empty:
        return plan
    if expected is not None and expected != plan.fingerprint:
        plan.stale = True
        return plan
    # Each activity written as the form writes one, on a row of its own (its links and
    # the rows that cascade from it are its own queries; the whole team is locked above).
    for activity in plan.removed:
        _delete(activity=_one(activity.pk), by=by)
    for change in plan.changed:
        _update(activity=_one(change.activity.pk), by=by, data=change.data)
    _create_all(team=team, by=by, rows=[add.data for add in plan.added])
    plan.applied = True
    return plan
