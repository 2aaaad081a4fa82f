"""Months as the portal counts them: a month is the date of its first day."""

import datetime

from django.db.models import Count, QuerySet, Window
from django.db.models.functions import RowNumber, TruncMonth


def add_months(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month ``count`` months after ``month``'s (before, if negative)."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_month(day: datetime.date) -> datetime.date:
    """The first day after ``day``'s month."""
    return add_months(day, 1)


def first_per_month(rows: QuerySet, field: str, *, per_month: int) -> QuerySet:
    """The first ``per_month`` of ``rows`` in each calendar month of ``field`` (a date, or
    a date and time read in the current time zone), in ``rows``' order, each with
    ``in_month``: how many ``rows`` that month holds in all. One query, whatever their
    number: a month with a hundred workshops still gives ``per_month`` rows."""
    month = TruncMonth(field)
    order = rows.query.order_by or ("pk",)
    return rows.annotate(
        rank_in_month=Window(RowNumber(), partition_by=[month], order_by=list(order)),
        in_month=Window(Count("pk"), partition_by=[month]),
    ).filter(rank_in_month__lte=per_month)
