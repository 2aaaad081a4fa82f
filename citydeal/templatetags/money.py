"""Template filters for money: ``{{ line.amount|euro }}`` and ``{{ cost|euro_cents }}``."""

from decimal import Decimal, InvalidOperation

from django import template

from citydeal.formatting import UNKNOWN, format_euro

register = template.Library()


def _format(value, *, decimals: bool) -> str:
    if value is None or value == "":
        return UNKNOWN
    try:
        return format_euro(value if isinstance(value, Decimal) else Decimal(str(value)), decimals)
    except (InvalidOperation, ValueError, TypeError):
        # A template shows what it got rather than failing the page on a bad value.
        return str(value)


@register.filter(is_safe=True)
def euro(value) -> str:
    """Whole euros: "€ 1.360.000"; "—" when unknown."""
    return _format(value, decimals=False)


@register.filter(is_safe=True)
def euro_cents(value) -> str:
    """Euros and cents: "€ 3.200,50"; "—" when unknown."""
    return _format(value, decimals=True)
