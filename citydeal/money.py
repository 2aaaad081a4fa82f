"""Money, in one place: euros incl. VAT as ``Decimal`` with two places.

The limits, the model field, the form field, reading an amount in a service and
formatting one for people. Every app declares, reads and shows amounts through these.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citydeal.formatting import UNKNOWN, format_euro
from citydeal.validators import check_no_underscore

__all__ = [
    "CENTS",
    "MAX_AMOUNT",
    "MONEY_DECIMAL_PLACES",
    "MONEY_MAX_DIGITS",
    "SUM_FIELD",
    "UNKNOWN",
    "ZERO",
    "MoneyField",
    "clean_amount",
    "format_euro",
    "money_field",
    "parse_amount",
]

# The largest amount the portal takes: 99.999.999,99. The columns hold more, but a
# figure that size in this programme is a typing error.
MAX_AMOUNT = Decimal("99999999.99")
ZERO = Decimal("0.00")
CENTS = Decimal("0.01")

# The columns: room for ten times the largest amount, so totals of a row fit too.
MONEY_MAX_DIGITS = 12
MONEY_DECIMAL_PLACES = 2
# What a sum over many rows is declared as in a query (``Sum``, ``Coalesce``).
SUM_FIELD = models.DecimalField(max_digits=14, decimal_places=MONEY_DECIMAL_PLACES)

# What the form and the input take at most: 99999999.99 has ten digits.
_INPUT_MAX_DIGITS = 10


def money_field(
    verbose_name,
    *,
    min_value: Decimal | int | None = 0,
    max_value: Decimal | None = None,
    **options,
) -> models.DecimalField:
    """A money column: euros with two places, at least ``min_value`` (None: no lower
    bound checked), at most ``max_value`` when given. ``options`` are the DecimalField's
    (``null``, ``blank``, ``help_text``)."""
    validators = list(options.pop("validators", []))
    if min_value is not None:
        validators.insert(0, MinValueValidator(min_value))
    if max_value is not None:
        validators.append(MaxValueValidator(max_value))
    if validators:
        options["validators"] = validators
    return models.DecimalField(
        verbose_name,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        **options,
    )


# -- reading an amount ---------------------------------------------------------------------


def _invalid(field: str | None) -> ValidationError:
    message = gettext("Enter an amount in euros, e.g. 1250.00.")
    return ValidationError({field: message} if field else message, code="invalid")


def parse_amount(value, *, field: str | None = None) -> Decimal:
    """``value`` as a Decimal: a Decimal, an int or a plain string ("57500.50"); never a
    float (its binary value is not the amount typed), "1_000", NaN or infinity.
    ValidationError (on ``field`` when given) otherwise. No bounds are checked."""
    if isinstance(value, bool | float) or value is None:
        raise _invalid(field)
    check_no_underscore(value, field=field)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise _invalid(field) from None
    if not amount.is_finite():
        raise _invalid(field)
    return amount


def clean_amount(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """The amount as a Decimal euro amount with two places, or ValidationError on ``field``.

    More than zero (``allow_zero``: at least zero), at most two decimals, at most
    ``MAX_AMOUNT`` (99.999.999,99). Read as ``parse_amount`` reads it.
    """
    amount = parse_amount(value, field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        message = (
            gettext("The amount cannot be negative.")
            if allow_zero
            else gettext("The amount must be more than € 0.")
        )
        raise ValidationError({field: message}, code="min_value")
    if amount > MAX_AMOUNT:
        raise ValidationError(
            {
                field: gettext("The amount can be at most %(max)s.")
                % {"max": format_euro(MAX_AMOUNT, decimals=True)}
            },
            code="max_value",
        )
    if amount != amount.quantize(CENTS):
        raise ValidationError(
            {field: gettext("An amount has at most two decimals (cents).")},
            code="max_decimal_places",
        )
    return amount.quantize(CENTS)


# -- the form field ------------------------------------------------------------------------


class _AmountBound:
    """A bound validator whose message writes the bound as people read amounts."""

    def __call__(self, value):
        if self.compare(value, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit_value": format_euro(self.limit_value, decimals=True)},
            )


class MinAmountValidator(_AmountBound, MinValueValidator):
    """The form's lower bound ("€ 0,01")."""

    message = _("Enter an amount of at least %(limit_value)s.")


class MaxAmountValidator(_AmountBound, MaxValueValidator):
    """The form's upper bound ("€ 99.999.999,99")."""

    message = _("Enter an amount of at most %(limit_value)s.")


def amount_example() -> str:
    """1250 euros as a money field reads them in the active language: "1.250,00" in
    Dutch, "1,250.00" in English. A hint with the other language's notation would invite
    an amount the field refuses or misreads.
    """
    return number_format(Decimal("1250.00"), decimal_pos=2, use_l10n=True, force_grouping=True)


def _amount_hint() -> str:
    return gettext("In euros including VAT, e.g. %(example)s.") % {"example": amount_example()}


# A money field's help text, written when the form is shown, in the language of the page.
amount_hint = lazy(_amount_hint, str)


class MoneyField(forms.DecimalField):
    """Euros with at most two decimals, never negative unless told, at most
    ``MAX_AMOUNT``: typed the Dutch way ("57.500,50") or plain ("57500.50"), with or
    without "€"; "1_000" is no amount. A plain text box: the browser's number box
    refuses a Dutch "1.250,00". The bounds read as amounts in its messages ("€ 0,01").
    """

    def __init__(self, *, min_value=ZERO, max_value=MAX_AMOUNT, **kwargs):
        kwargs.setdefault("max_digits", _INPUT_MAX_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_DECIMAL_PLACES)
        kwargs.setdefault("localize", True)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)
        # DecimalField's own bounds write the amount the English way ("0.01").
        self.min_value, self.max_value = min_value, max_value
        if min_value is not None:
            self.validators.append(MinAmountValidator(min_value))
        if max_value is not None:
            self.validators.append(MaxAmountValidator(max_value))

    def to_python(self, value):
        # A pasted "€ 1.250" is still an amount.
        if isinstance(value, str):
            value = value.replace("€", "").strip()
            check_no_underscore(value)  # Decimal would read "1_000" as 1000
        return super().to_python(value)
