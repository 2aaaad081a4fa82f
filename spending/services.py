"""Every write of a spending request: one function each, owning its transaction.

Each step locks the request, asks the rule (``PermissionDenied`` with the reason),
asks the table of steps (``TransitionNotAllowed``), checks its input
(``ValidationError`` naming the field), checks the budget where money is committed
(``BudgetExceeded``), writes the trail row and queues the mail with it (see ``_queue_mail``).
Pages, the API and commands all call these; none of them saves a request itself.

Budget control: an approval first locks the programme's row, so approvals within one
programme run one after the other on PostgreSQL; on SQLite the connection already takes
the write lock at BEGIN (``transaction_mode: IMMEDIATE``). Only then does it add up what
is committed. A realisation never commits more than the approval did: an actual amount
above the approved one is refused (larger costs need a new request).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, Decision
from budgets.services import decision_record
from citydeal import money
from citydeal.money import format_euro
from citydeal.services import ensure_allowed
from citydeal.tasks import enqueue_with_transaction
from citydeal.validators import clean_text
from spending.constants import (
    COMMITTED_STATES,
    NOTE_MAX_LENGTH,
    NOTE_REQUIRED,
    SpendingAction,
    SpendingState,
    target_state,
)
from spending.exceptions import BudgetExceeded, TransitionNotAllowed
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from spending.permissions import (
    can_decide_spending,
    can_edit_spending,
    can_link_spending_decision,
    can_realise_spending,
    can_submit_spending,
    can_submit_spending_request,
    can_withdraw_spending,
)
from spending.selectors import budget_line_figures, year_figures
from teams.models import Programme

__all__ = [
    "NOTE_MAX_LENGTH",
    "BudgetExceeded",
    "TransitionNotAllowed",
    "spending_request_approve",
    "spending_request_create",
    "spending_request_link_decision",
    "spending_request_realise",
    "spending_request_reject",
    "spending_request_return",
    "spending_request_submit",
    "spending_request_update",
    "spending_request_withdraw",
]

_UNCHANGED: Any = object()


# -- input ------------------------------------------------------------------------------


def clean_amount(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """The amount as the portal takes it (``citydeal.money.clean_amount``), or
    ValidationError on ``field``."""
    return money.clean_amount(value, field=field, allow_zero=allow_zero)


def _clean_text(value, *, field: str, required: bool, max_length: int | None = None) -> str:
    # The title is one line.
    return clean_text(
        value, field=field, required=required, max_length=max_length, multiline=field != "title"
    )


def _clean_note(note, *, action: SpendingAction) -> str:
    note = _clean_text(note, field="note", required=False, max_length=NOTE_MAX_LENGTH)
    if action in NOTE_REQUIRED and not note:
        raise ValidationError(
            {"note": _("Give a reason: the submitter reads it in the mail and the trail.")},
            code="required",
        )
    return note


def _full_clean(req: SpendingRequest) -> None:
    # The model checks the activity's team, the year within the period, lengths, choices.
    req.full_clean(exclude=["created_by", "submitted_by", "decided_by"])


# -- the trail and the mail -------------------------------------------------------------


def _lock(request_id: int) -> SpendingRequest:
    """The request, locked for this transaction, with its line, team and period."""
    return (
        SpendingRequest.objects.select_for_update(of=("self",))
        .select_related("budget_line__team", "budget_line__period")
        .get(pk=request_id)
    )


def _step(
    req: SpendingRequest, *, action: SpendingAction, by: User, note: str
) -> SpendingTransition:
    """Moves the request along the table, saves it, writes the trail row and queues the mail."""
    target = target_state(req.state, action)
    if target is None:
        raise TransitionNotAllowed(state=req.state, action=action)
    step = SpendingTransition(
        request=req, by=by, from_state=req.state, to_state=target, note=note, amount=req.amount
    )
    req.state = target
    req.save()
    step.save()
    _queue_mail(step)
    return step


def _trail_values(req: SpendingRequest) -> dict[str, str]:
    """The fields a creator can change, as the trail of changes keeps them."""
    line = req.budget_line
    return {
        SpendingChange.Field.BUDGET_LINE: f"{line.team} – {line.period.label}",
        SpendingChange.Field.ACTIVITY: req.activity.title if req.activity_id else "",
        SpendingChange.Field.YEAR: str(req.year),
        SpendingChange.Field.TITLE: req.title,
        SpendingChange.Field.DESCRIPTION: req.description,
        SpendingChange.Field.AMOUNT: f"{req.amount:.2f}",
    }


def _record_changes(req: SpendingRequest, *, before: dict[str, str], by: User) -> None:
    """One trail row per changed field, all with the same time (they were one change)."""
    at = timezone.now()
    after = _trail_values(req)
    SpendingChange.objects.bulk_create(
        SpendingChange(
            request=req, by=by, at=at, field=field, old_value=old, new_value=after[field]
        )
        for field, old in before.items()
        if after[field] != old
    )


def _ensure_transition(req: SpendingRequest, action: SpendingAction) -> None:
    if target_state(req.state, action) is None:
        raise TransitionNotAllowed(state=req.state, action=action)


def _queue_mail(step: SpendingTransition) -> None:
    """Queues the mail about ``step`` so that it exists exactly when the step does."""
    from spending.tasks import send_spending_transition_mail

    enqueue_with_transaction(
        send_spending_transition_mail, model=SpendingTransition, transition_id=step.pk
    )


# -- budget control ---------------------------------------------------------------------


def _lock_programme(line: BudgetLine) -> Programme:
    """Serialises every approval of the programme: the second waits for the first's commit."""
    return Programme.objects.select_for_update().get(pk=line.team.programme_id)


def _ensure_within_budget(*, req: SpendingRequest, extra: Decimal) -> None:
    """Refuses when ``extra`` more committed on the request's line or year would pass a limit.

    Call with the programme locked. The figures are read after the lock, so they include
    every approval committed before it.
    """
    if extra <= 0:
        return
    line = req.budget_line
    figures = budget_line_figures(line)
    if figures.committed + extra > figures.planned:
        remaining = max(figures.remaining, Decimal("0.00"))
        raise BudgetExceeded(
            " ".join(
                [
                    _(
                        "The budget line %(line)s has no room for %(amount)s: planned "
                        "%(planned)s, already committed %(committed)s."
                    )
                    % {
                        "line": line,
                        "amount": format_euro(extra, decimals=True),
                        "planned": format_euro(figures.planned, decimals=True),
                        "committed": format_euro(figures.committed, decimals=True),
                    },
                    _("Remaining on this budget line: %(remaining)s")
                    % {"remaining": format_euro(remaining, decimals=True)},
                ]
            ),
            code="budget_line_exceeded",
            remaining=remaining,
            requested=extra,
        )

    this_year, next_year = year_figures(
        programme=line.team.programme_id, years=[req.year, req.year + 1]
    )
    if this_year.stated and this_year.committed + extra > this_year.available:
        remaining = max(this_year.remaining, Decimal("0.00"))
        if this_year.carried_in:
            detail = _(
                "The budget space of %(year)s has no room for %(amount)s: space %(space)s "
                "plus %(carry)s carried over from %(previous)s, already committed %(committed)s."
            )
        else:
            detail = _(
                "The budget space of %(year)s has no room for %(amount)s: space %(space)s, "
                "already committed %(committed)s."
            )
        raise BudgetExceeded(
            " ".join(
                [
                    detail
                    % {
                        "year": this_year.year,
                        "previous": this_year.year - 1,
                        "amount": format_euro(extra, decimals=True),
                        "space": format_euro(this_year.space_max, decimals=True),
                        "carry": format_euro(this_year.carried_in, decimals=True),
                        "committed": format_euro(this_year.committed, decimals=True),
                    },
                    _("Remaining in the budget space of %(year)s: %(remaining)s")
                    % {"year": this_year.year, "remaining": format_euro(remaining, decimals=True)},
                ]
            ),
            code="budget_space_exceeded",
            remaining=remaining,
            requested=extra,
        )

    # This year's surplus carries over: committing more now shrinks next year's space,
    # which must still hold what next year has already committed.
    if this_year.carry_out and next_year.stated:
        carry_after = max(Decimal("0.00"), this_year.space_max - this_year.committed - extra)
        available_after = next_year.space_max + carry_after
        if next_year.committed > available_after:
            needed = next_year.committed - next_year.space_max
            room = max(Decimal("0.00"), this_year.carry_out - needed)
            raise BudgetExceeded(
                _(
                    "The unused part of %(year)s carries over into %(next)s, and %(next)s "
                    "already counts on it: %(committed)s committed against a space of "
                    "%(space)s plus %(carry)s carried over. This request of %(amount)s would "
                    "reduce the carry-over to %(after)s. Room left in %(year)s without "
                    "breaking %(next)s: %(room)s"
                )
                % {
                    "year": this_year.year,
                    "next": next_year.year,
                    "committed": format_euro(next_year.committed, decimals=True),
                    "space": format_euro(next_year.space_max, decimals=True),
                    "carry": format_euro(next_year.carried_in, decimals=True),
                    "amount": format_euro(extra, decimals=True),
                    "after": format_euro(carry_after, decimals=True),
                    "room": format_euro(room, decimals=True),
                },
                code="budget_carry_over_exceeded",
                remaining=room,
                requested=extra,
            )


def _check_decision(decision: Decision | None, line: BudgetLine) -> None:
    if decision is not None and decision.programme_id != line.team.programme_id:
        raise ValidationError(
            {"decision": _("The decision belongs to another programme.")}, code="invalid"
        )


# -- the writes -------------------------------------------------------------------------


@transaction.atomic
def spending_request_create(
    *,
    by: User,
    budget_line: BudgetLine,
    title: str,
    amount: Decimal,
    description: str = "",
    activity: Activity | None = None,
    year: int | None = None,
) -> SpendingRequest:
    """A new draft request against ``budget_line``, by a team lead of its team or the core
    team. ``year`` (of the budget space) defaults to the first year of the line's period.

    Raises PermissionDenied, or ValidationError on amount, title, description, activity
    or year.
    """
    ensure_allowed(can_submit_spending(by, budget_line))
    req = SpendingRequest(
        budget_line=budget_line,
        activity=activity,
        year=budget_line.period.start_year if year is None else year,
        title=_clean_text(title, field="title", required=True, max_length=200),
        description=_clean_text(description, field="description", required=False),
        amount=clean_amount(amount),
        state=SpendingState.DRAFT,
        created_by=by,
    )
    _full_clean(req)
    req.save()
    return req


@transaction.atomic
def spending_request_update(
    *,
    request_id: int,
    by: User,
    budget_line: BudgetLine = _UNCHANGED,
    title: str = _UNCHANGED,
    description: str = _UNCHANGED,
    amount: Decimal = _UNCHANGED,
    activity: Activity | None = _UNCHANGED,
    year: int = _UNCHANGED,
) -> SpendingRequest:
    """Changes a draft or returned request; only its creator. Fields not passed stay.
    Every field that changes gets a trail row with its old and new value.

    Raises PermissionDenied (not the creator, or no longer allowed for the line),
    TransitionNotAllowed (no longer a draft or returned), or ValidationError on a field.
    """
    req = _lock(request_id)
    verdict = can_edit_spending(by, req)
    if not verdict:
        if req.created_by_id == by.pk and not req.editable:
            raise TransitionNotAllowed(state=req.state)
        raise PermissionDenied(verdict.reason)
    before = _trail_values(req)
    if budget_line is not _UNCHANGED and budget_line.pk != req.budget_line_id:
        ensure_allowed(can_submit_spending(by, budget_line))
        req.budget_line = budget_line
        if year is _UNCHANGED:
            year = budget_line.period.start_year
    if title is not _UNCHANGED:
        req.title = _clean_text(title, field="title", required=True, max_length=200)
    if description is not _UNCHANGED:
        req.description = _clean_text(description, field="description", required=False)
    if amount is not _UNCHANGED:
        req.amount = clean_amount(amount)
    if activity is not _UNCHANGED:
        req.activity = activity
    if year is not _UNCHANGED:
        req.year = year
    _full_clean(req)
    req.save()
    _record_changes(req, before=before, by=by)
    return req


@transaction.atomic
def spending_request_submit(*, request_id: int, by: User, note: str = "") -> SpendingRequest:
    """Submits a draft or returned request for a decision; only its creator.

    Raises PermissionDenied, TransitionNotAllowed, or ValidationError on note.
    """
    req = _lock(request_id)
    ensure_allowed(can_submit_spending_request(by, req))
    _ensure_transition(req, SpendingAction.SUBMIT)
    note = _clean_note(note, action=SpendingAction.SUBMIT)
    req.submitted_by = by
    req.submitted_at = timezone.now()
    req.decided_by = None
    req.decided_at = None
    _step(req, action=SpendingAction.SUBMIT, by=by, note=note)
    return req


def _decide(
    *, request_id: int, by: User, action: SpendingAction, note: str, decision=None
) -> SpendingRequest:
    req = _lock(request_id)
    ensure_allowed(can_decide_spending(by, req))
    _ensure_transition(req, action)
    note = _clean_note(note, action=action)
    if action == SpendingAction.APPROVE:
        _check_decision(decision, req.budget_line)
        _lock_programme(req.budget_line)
        _ensure_within_budget(req=req, extra=req.amount)
        if decision is not None:
            req.decision = decision
    req.decided_by = by
    req.decided_at = timezone.now()
    _step(req, action=action, by=by, note=note)
    return req


@transaction.atomic
def spending_request_approve(
    *, request_id: int, by: User, note: str = "", decision: Decision | None = None
) -> SpendingRequest:
    """Approves a submitted request: a core team member who did not submit it (four eyes),
    and only when the budget line and the year's budget space (with the carry-over) hold it.
    ``decision`` links the approval to a core team decision.

    Raises PermissionDenied, TransitionNotAllowed, BudgetExceeded (with the figures in the
    message), or ValidationError on note or decision.
    """
    return _decide(
        request_id=request_id, by=by, action=SpendingAction.APPROVE, note=note, decision=decision
    )


@transaction.atomic
def spending_request_reject(*, request_id: int, by: User, note: str) -> SpendingRequest:
    """Rejects a submitted request, with a reason; a core team member who did not submit it.

    Raises PermissionDenied, TransitionNotAllowed, or ValidationError on note.
    """
    return _decide(request_id=request_id, by=by, action=SpendingAction.REJECT, note=note)


@transaction.atomic
def spending_request_return(*, request_id: int, by: User, note: str) -> SpendingRequest:
    """Sends a submitted request back to its creator to change, with a reason; a core team
    member who did not submit it. The creator can change it and submit it again.

    Raises PermissionDenied, TransitionNotAllowed, or ValidationError on note.
    """
    return _decide(request_id=request_id, by=by, action=SpendingAction.RETURN, note=note)


@transaction.atomic
def spending_request_withdraw(*, request_id: int, by: User, note: str = "") -> SpendingRequest:
    """Withdraws a submitted request; only the person who submitted it.

    Raises PermissionDenied, TransitionNotAllowed, or ValidationError on note.
    """
    req = _lock(request_id)
    ensure_allowed(can_withdraw_spending(by, req))
    _ensure_transition(req, SpendingAction.WITHDRAW)
    note = _clean_note(note, action=SpendingAction.WITHDRAW)
    _step(req, action=SpendingAction.WITHDRAW, by=by, note=note)
    return req


@transaction.atomic
def spending_request_realise(
    *,
    request_id: int,
    by: User,
    actual_amount: Decimal,
    realised_on: datetime.date,
    note: str = "",
) -> SpendingRequest:
    """Records what an approved request actually cost and when; a core team member who
    neither created nor submitted it (four eyes).

    The actual amount is at most the approved one (a lower one frees the rest): larger
    costs need a new request and its own approval. The date lies within the budget
    line's period and not in the future.

    Raises PermissionDenied, TransitionNotAllowed, or ValidationError on actual_amount,
    realised_on or note.
    """
    req = _lock(request_id)
    ensure_allowed(can_realise_spending(by, req))
    _ensure_transition(req, SpendingAction.REALISE)
    actual = clean_amount(actual_amount, field="actual_amount", allow_zero=True)
    if actual > req.amount:
        raise ValidationError(
            {
                "actual_amount": _(
                    "The actual amount can be at most the approved amount of %(approved)s. "
                    "For larger costs, submit a new request for the difference."
                )
                % {"approved": format_euro(req.amount, decimals=True)}
            },
            code="above_approved",
        )
    _clean_realised_on(realised_on, period=req.budget_line.period)
    note = _clean_note(note, action=SpendingAction.REALISE)
    req.actual_amount = actual
    req.realised_on = realised_on
    _step(req, action=SpendingAction.REALISE, by=by, note=note)
    return req


def _clean_realised_on(value, *, period: BudgetPeriod) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({"realised_on": _("Enter a date.")}, code="invalid")
    if value > timezone.localdate():
        raise ValidationError(
            {"realised_on": _("The date of realisation cannot lie in the future.")},
            code="future",
        )
    if value.year not in period.years:
        raise ValidationError(
            {
                "realised_on": _(
                    "The date of realisation must lie within the budget line's period (%(years)s)."
                )
                % {"years": period.years_label}
            },
            code="outside_period",
        )


@transaction.atomic
def spending_request_link_decision(
    *, request_id: int, by: User, decision: Decision | None
) -> SpendingRequest:
    """Links an approved (or realised) request to a core team decision, or unlinks it
    with None; a core team member. Not a step of the life cycle: no trail row, no mail.

    Raises PermissionDenied, or ValidationError on decision.
    """
    req = _lock(request_id)
    ensure_allowed(can_link_spending_decision(by, req))
    if req.state not in COMMITTED_STATES:
        raise ValidationError(
            {"decision": _("Only approved and realised requests are linked to a decision.")},
            code="invalid",
        )
    _check_decision(decision, req.budget_line)
    req.decision = decision
    req.save(update_fields=["decision", "updated"])
    return req


@transaction.atomic
def spending_decision_record(*, by: User, spending_requests=(), **decision) -> Decision:
    """Record a core team decision (``budgets.services.decision_record``, same keywords)
    and link the approved or realised spending requests it covers, all or nothing.

    Raises PermissionDenied, or ValidationError (on ``decision`` for a request that is
    not approved or realised).
    """
    recorded = decision_record(by=by, **decision)
    for req in spending_requests:
        spending_request_link_decision(request_id=req.pk, by=by, decision=recorded)
    return recorded
