"""Writes of the budgets app: the core team sets budget lines and the budget space and
records its decisions."""

import copy
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from budgets.limits import ensure_line_holds_commitments, ensure_space_holds_commitments
from budgets.models import BudgetLine, BudgetSpace, Decision
from budgets.permissions import can_manage_budget, can_manage_decisions
from citydeal.historical import save_with_history
from citydeal.money import MAX_AMOUNT
from citydeal.services import assign, ensure_allowed
from events.models import Event
from teams.models import Programme


def _lock_programme(programme_id: int) -> None:
    """Takes the lock that every approval takes first: a limit and an approval that would
    together pass it cannot both go through."""
    Programme.objects.select_for_update().get(pk=programme_id)


def _check_amount(name: str, amount: Decimal | None) -> dict:
    if amount is not None and amount > MAX_AMOUNT:
        return {name: _("An amount above € 99.999.999,99 is not accepted.")}
    return {}


@transaction.atomic
def budget_line_update(
    *, line: BudgetLine, by: User, amount: Decimal, main_activities: str
) -> BudgetLine:
    """Set a budget line's amount (euros incl. VAT) and its main activities.

    Raises PermissionDenied, ValidationError on amount, or LimitBelowCommitted when the
    amount is lowered below what is approved plus realised on the line.
    """
    ensure_allowed(can_manage_budget(by))
    _lock_programme(line.team.programme_id)
    line = BudgetLine.objects.select_for_update().select_related("team", "period").get(pk=line.pk)
    errors = _check_amount("amount", amount)
    if errors:
        raise ValidationError(errors)
    if amount is not None and amount < line.amount:
        ensure_line_holds_commitments(line, amount)
    if assign(line, amount=amount, main_activities=main_activities.strip()):
        line.full_clean()
        save_with_history(line, by=by)
    return line


@transaction.atomic
def budget_space_update(
    *,
    space: BudgetSpace,
    by: User,
    amount_min: Decimal | None,
    amount_max: Decimal | None,
    carries_over: bool,
    note: str,
) -> BudgetSpace:
    """Set the budget space of a year: a range, unknown (None) where the plan names none.

    Raises PermissionDenied, ValidationError on the amounts, or LimitBelowCommitted when
    the change leaves less room than is committed in the year (or, through a smaller
    carry-over, in the next one).
    """
    ensure_allowed(can_manage_budget(by))
    _lock_programme(space.programme_id)
    space = BudgetSpace.objects.select_for_update().get(pk=space.pk)
    errors = _check_amount("amount_min", amount_min) | _check_amount("amount_max", amount_max)
    if amount_min is not None and amount_max is not None and amount_max < amount_min:
        errors.setdefault("amount_max", _("The maximum cannot be lower than the minimum."))
    if errors:
        raise ValidationError(errors)
    proposed = copy.copy(space)
    proposed.amount_min, proposed.amount_max = amount_min, amount_max
    proposed.carries_over = carries_over
    ensure_space_holds_commitments(space, proposed)
    changed = assign(
        space,
        amount_min=amount_min,
        amount_max=amount_max,
        carries_over=carries_over,
        note=note.strip(),
    )
    if changed:
        space.full_clean()
        save_with_history(space, by=by)
    return space


def _reference(*, programme: Programme, date: datetime.date, meeting: str) -> str:
    """A short code for the decision, unique on its date: "kernteam", "kernteam-2", ..."""
    base = slugify(meeting)[:50].strip("-") or "besluit"
    taken = set(
        Decision.objects.filter(programme=programme, date=date).values_list("reference", flat=True)
    )
    reference, n = base, 1
    while reference in taken:
        n += 1
        reference = f"{base}-{n}"
    return reference


@transaction.atomic
def decision_record(
    *,
    programme: Programme,
    by: User,
    date: datetime.date,
    meeting: str,
    text: str,
    event: Event | None = None,
    budget_lines: list[BudgetLine] | tuple = (),
) -> Decision:
    """Record a decision of the core team, with the event and budget lines it concerns.
    (``spending.services.spending_decision_record`` also links the approved spending
    requests it covers, in the same transaction.)"""
    ensure_allowed(can_manage_decisions(by))
    errors = {}
    if event is not None and event.programme_id != programme.pk:
        errors["event"] = _("The event belongs to another programme.")
    if any(line.team.programme_id != programme.pk for line in budget_lines):
        errors["budget_lines"] = _("A budget line of another programme cannot be linked.")
    if errors:
        raise ValidationError(errors)
    # Lock the programme row so two decisions on one date cannot take the same reference.
    Programme.objects.select_for_update().get(pk=programme.pk)
    decision = Decision(
        programme=programme,
        date=date,
        reference=_reference(programme=programme, date=date, meeting=meeting.strip()),
        meeting=meeting.strip(),
        text=text.strip(),
        event=event,
    )
    decision.full_clean()
    save_with_history(decision, by=by, created=True, links={"budget_lines": list(budget_lines)})
    return decision
