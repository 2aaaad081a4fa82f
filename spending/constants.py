"""The states of a spending request and the table of the steps between them.

The stored values are the Dutch words of the brief; the labels are translated.
Services ask ``target_state`` and nothing else decides whether a step is possible.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpendingState(models.TextChoices):
    DRAFT = "concept", _("Draft")
    SUBMITTED = "ingediend", _("Submitted")
    APPROVED = "goedgekeurd", _("Approved")
    REJECTED = "afgewezen", _("Rejected")
    RETURNED = "teruggestuurd", _("Returned")
    WITHDRAWN = "ingetrokken", _("Withdrawn")
    REALISED = "gerealiseerd", _("Realised")


class SpendingAction(models.TextChoices):
    """The steps of the life cycle; the label reads as a verb ("approve")."""

    SUBMIT = "submit", _("submit")
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")
    RETURN = "return", _("return")
    WITHDRAW = "withdraw", _("withdraw")
    REALISE = "realise", _("realise")


class SpendingChangeField(models.TextChoices):
    """The fields of a draft or returned request whose changes the trail keeps."""

    BUDGET_LINE = "budget_line", _("budget line")
    ACTIVITY = "activity", _("activity")
    YEAR = "year", _("year")
    TITLE = "title", _("title")
    DESCRIPTION = "description", _("explanation")
    AMOUNT = "amount", _("amount incl. VAT (EUR)")


S = SpendingState
A = SpendingAction

# (current state, step) -> new state. A step missing here is not possible.
TRANSITIONS: dict[tuple[SpendingState, SpendingAction], SpendingState] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.RETURNED, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.APPROVE): S.APPROVED,
    (S.SUBMITTED, A.REJECT): S.REJECTED,
    (S.SUBMITTED, A.RETURN): S.RETURNED,
    (S.SUBMITTED, A.WITHDRAW): S.WITHDRAWN,
    (S.APPROVED, A.REALISE): S.REALISED,
}

# A returned request is changed and submitted again, like a draft.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})

# What counts against a budget line and a year's budget space: the approved amount of
# an approved request, the actual amount of a realised one.
COMMITTED_STATES = frozenset({S.APPROVED, S.REALISED})

# Steps that need a reason in the note.
NOTE_REQUIRED = frozenset({A.REJECT, A.RETURN})

# The longest note a step takes.
NOTE_MAX_LENGTH = 4000


_STATES = frozenset(SpendingState.values)
_ACTIONS = frozenset(SpendingAction.values)


def target_state(state: str, action: str) -> SpendingState | None:
    """The state the step leads to from ``state``, or None when the table does not allow it.

    Asked for every step of every row of a list: a state or step that is no member raises
    ``ValueError`` as the enums do, without making an enum member for every question.
    """
    if state not in _STATES or action not in _ACTIONS:
        SpendingState(state)
        SpendingAction(action)
    return TRANSITIONS.get((state, action))
