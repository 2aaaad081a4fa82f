"""Formatting money for people: Dutch separators, whatever the active language.

The programme's amounts are euros in a Dutch programme, so they read the same in
both interface languages: "€ 1.360.000" and "€ 3.200,50". Unknown stays visible as
"—", never as "€ 0".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

UNKNOWN = "—"
_WHOLE = Decimal("1")
_CENTS = Decimal("0.01")


def format_euro(amount: Decimal | int | None, decimals: bool = False) -> str:
    """Return the amount as "€ 1.360.000", or "€ 3.200,00" with ``decimals``; "—" for None."""
    if amount is None:
        return UNKNOWN
    value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    if not value.is_finite():
        raise InvalidOperation(f"not an amount: {amount!r}")
    value = value.quantize(_CENTS if decimals else _WHOLE, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""  # also drops the sign of a rounded "-0"
    whole, _sep, cents = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    number = f"{grouped},{cents}" if decimals else grouped
    return f"€ {sign}{number}"
