"""Checks of text and amounts that every door shares: pages, API, admin and services.

Text: a title or name is one line; a description, note or explanation may have several.
Neither may hold control characters, nor the invisible characters that make a text read
differently from what it is: bidirectional overrides and isolates ("Trojan Source",
CVE-2021-42574) and zero-width characters (a name that looks like another one). Long
texts have a maximum, so one form cannot fill the database.

Amounts: Python's ``Decimal`` reads "1_000" as 1000; nobody types that as an amount, and
a page or script that does is mistaken, so every amount parser refuses it.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# The longest free text (a description, explanation, note, question) in characters.
LONG_TEXT_MAX_LENGTH = 10_000

_LINE_BREAKS = frozenset("\n\r")
_ALLOWED_CONTROLS = frozenset("\t\n\r")  # in text of several lines
_INVISIBLE = frozenset(
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # zero width space, (non-)joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # zero width no-break space (byte order mark)
)
_SEPARATORS = frozenset("\u2028\u2029")  # line and paragraph separator


def _refused(char: str, *, multiline: bool) -> bool:
    if char in _INVISIBLE:
        return True
    if char in _LINE_BREAKS or char in _SEPARATORS:
        return not multiline
    if char in _ALLOWED_CONTROLS:
        return not multiline
    # Cc: C0 (U+0000-U+001F), DEL and C1 (U+007F-U+009F).
    return unicodedata.category(char) == "Cc"


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def check_text(value: str, *, multiline: bool, field: str | None = None) -> None:
    """ValidationError (code ``invalid_character``) naming the first character refused;
    with ``field``, the error is on that field (as a service raises it)."""
    for position, char in enumerate(value, start=1):
        if _refused(char, multiline=multiline):
            if char in _LINE_BREAKS or char in _SEPARATORS:
                message = _(
                    "This field is one line: remove the line break (character %(position)d)."
                )
            else:
                message = _(
                    "Remove the invisible or control character %(character)s "
                    "(character %(position)d)."
                )
            error = ValidationError(
                message,
                code="invalid_character",
                params={"character": _describe(char), "position": position},
            )
            raise ValidationError({field: error}) if field else error


@deconstructible
class PlainTextValidator:
    """The text check as a field validator; ``multiline`` allows line breaks and tabs."""

    def __init__(self, *, multiline: bool):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if isinstance(value, str):
            check_text(value, multiline=self.multiline)

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and other.multiline == self.multiline


validate_single_line = PlainTextValidator(multiline=False)
validate_multiline = PlainTextValidator(multiline=True)


class LongTextField(models.TextField):
    """Free text of several lines: at most ``LONG_TEXT_MAX_LENGTH`` characters (the forms
    and the API see the ``max_length`` too), no control or invisible characters."""

    default_validators = [validate_multiline]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", LONG_TEXT_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        # A TextField does not check its max_length itself; full_clean() should.
        return [*super().validators, MaxLengthValidator(self.max_length)]


def check_no_underscore(value, *, field: str | None = None) -> None:
    """Refuse "1_000" as an amount (``Decimal`` would read it as 1000); with ``field``,
    the error is on that field."""
    if isinstance(value, str) and "_" in value:
        error = ValidationError(_("Enter an amount in euros, e.g. 1250.00."), code="invalid")
        raise ValidationError({field: error}) if field else error
