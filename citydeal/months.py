"""Months as the portal counts them: a month is the date of its first day."""

import datetime


def add_months(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month ``count`` months after ``month``'s (before, if negative)."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_month(day: datetime.date) -> datetime.date:
    """The first day after ``day``'s month."""
    return add_months(day, 1)
