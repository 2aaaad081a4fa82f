"""What a snapshot holds to compare: per object, the fields whose changes the directors
follow (budgets, spending, the planning of the activities and their open points,
decisions, workshop bookings).

Every kind is read with one ``values()`` query, so capturing costs the same number of
queries at any size of the programme. The result is plain JSON data: keys are the
objects' ids as strings (the budget space: its year), dates ISO 8601, amounts strings of
euros with cents ("50000.00"). ``reporting.changes`` compares two of them.
"""

import datetime
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper

from activities.models import Activity
from activities.selectors import activity_open_q
from budgets.models import BudgetLine, BudgetSpace, Decision
from spending.models import SpendingRequest
from teams.models import Programme
from workshops.models import Booking

# The layout of the captured data (``Snapshot.version``); raise it when the layout changes.
VERSION = 1

# Decisions have no title: their text, cut to this length, names them.
DECISION_TEXT_LENGTH = 200


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _team(number: int | None) -> str | None:
    return None if number is None else f"OT{number}"


def _budget_lines(programme: Programme) -> dict:
    rows = BudgetLine.objects.filter(team__programme=programme).values(
        "pk", "team__number", "period__label", "amount"
    )
    return {
        str(row["pk"]): {
            "team": _team(row["team__number"]),
            "period": row["period__label"],
            "amount": _money(row["amount"]),
        }
        for row in rows
    }


def _budget_space(programme: Programme) -> dict:
    rows = BudgetSpace.objects.filter(programme=programme).values(
        "year", "amount_min", "amount_max"
    )
    return {
        str(row["year"]): {
            "year": row["year"],
            "amount_min": _money(row["amount_min"]),
            "amount_max": _money(row["amount_max"]),
        }
        for row in rows
    }


def _spending(programme: Programme) -> dict:
    rows = SpendingRequest.objects.filter(budget_line__team__programme=programme).values(
        "pk",
        "budget_line_id",
        "budget_line__team__number",
        "budget_line__period__label",
        "title",
        "state",
        "amount",
        "actual_amount",
    )
    return {
        str(row["pk"]): {
            "team": _team(row["budget_line__team__number"]),
            "line": row["budget_line_id"],
            "period": row["budget_line__period__label"],
            "title": row["title"],
            "state": row["state"],
            "amount": _money(row["amount"]),
            "actual_amount": _money(row["actual_amount"]),
        }
        for row in rows
    }


def _activities(programme: Programme) -> dict:
    points = activity_open_q()
    flags = {
        f"open_{name}": ExpressionWrapper(q, output_field=BooleanField())
        for name, q in points.items()
    }
    rows = (
        Activity.objects.filter(team__programme=programme)
        .annotate(**flags)
        .values(
            "pk",
            "team__number",
            "title",
            "status",
            "planning_label",
            "planning_kind",
            "start_month",
            "end_month",
            "estimate_min",
            "estimate_max",
            "estimate_doubtful",
            "responsible",
            *flags,
        )
    )
    return {
        str(row["pk"]): {
            "team": _team(row["team__number"]),
            "title": row["title"],
            "status": row["status"],
            "planning_label": row["planning_label"],
            "planning_kind": row["planning_kind"],
            "start_month": _date(row["start_month"]),
            "end_month": _date(row["end_month"]),
            "estimate_min": _money(row["estimate_min"]),
            "estimate_max": _money(row["estimate_max"]),
            "estimate_doubtful": row["estimate_doubtful"],
            "responsible": row["responsible"],
            # The open points it has, in the order of ``activity_open_q``.
            "open_points": [name for name in points if row[f"open_{name}"]],
        }
        for row in rows
    }


def _decisions(programme: Programme) -> dict:
    rows = Decision.objects.filter(programme=programme).values(
        "pk", "date", "reference", "meeting", "text"
    )
    return {
        str(row["pk"]): {
            "date": _date(row["date"]),
            "reference": row["reference"],
            "meeting": row["meeting"],
            "title": " ".join(row["text"].split())[:DECISION_TEXT_LENGTH],
        }
        for row in rows
    }


def _bookings(programme: Programme) -> dict:
    rows = Booking.objects.filter(slot__team__programme=programme).values(
        "pk", "slot__title", "slot__team__number", "slot__start", "case__title", "state"
    )
    return {
        str(row["pk"]): {
            "team": _team(row["slot__team__number"]),
            "title": row["slot__title"],
            "start": row["slot__start"].isoformat(),
            "case": row["case__title"],
            "state": row["state"],
        }
        for row in rows
    }


def capture_items(*, programme: Programme) -> dict:
    """The programme's objects to compare, one query per kind (six in all)."""
    return {
        "budget_lines": _budget_lines(programme),
        "budget_space": _budget_space(programme),
        "spending": _spending(programme),
        "activities": _activities(programme),
        "decisions": _decisions(programme),
        "bookings": _bookings(programme),
    }
