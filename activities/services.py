"""Writes of the activities app: a team lead keeps the team's planning current."""

import datetime
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from activities.models import Activity, ActivityStatus, PlanningKind
from activities.permissions import can_add_activity, can_edit_activity
from cases.models import Case
from citydeal.historical import save_with_history
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


@transaction.atomic
def activity_create(*, team: Team, by: User, data: ActivityInput) -> Activity:
    """Add an activity at the end of the team's planning table."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    ensure_allowed(can_add_activity(by, team))
    _check_input(team=team, data=data)
    last = Activity.objects.filter(team=team).aggregate(last=Max("order"))["last"] or 0
    activity = Activity(team=team, order=last + 1, **data.fields())
    activity.full_clean()
    save_with_history(activity, by=by, created=True, links={"cases": data.cases})
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by: User, data: ActivityInput) -> Activity:
    """Change an activity; one history record by ``by`` when anything changed."""
    activity = Activity.objects.select_for_update().select_related("team").get(pk=activity.pk)
    ensure_allowed(can_edit_activity(by, activity))
    _check_input(team=activity.team, data=data)
    changed = assign(activity, **data.fields())
    cases_changed = links_differ(activity, cases=data.cases)
    if changed or cases_changed:
        activity.full_clean()
        save_with_history(activity, by=by, links={"cases": data.cases} if cases_changed else None)
    return activity
