"""Checks of text and amounts that every door shares: pages, API, admin and services.

Text: a title or name is one line; a description, note or explanation may have several.
Neither may hold control characters, nor the invisible characters that make a text read
differently from what it is: bidirectional overrides and isolates ("Trojan Source",
CVE-2021-42574) and zero-width characters (a name that looks like another one). Long
texts have a maximum, so one form cannot fill the database.

Amounts: Python's ``Decimal`` reads "1_000" as 1000; nobody types that as an amount, and
a page or script that does is mistaken, so every amount parser refuses it.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# The longest free text (a description, explanation, note, question) in characters.
LONG_TEXT_MAX_LENGTH = 10_000

# Refused in every text: C0 controls but tab, line feed and carriage return; DEL and C1;
# and the invisible characters (see the module's docstring).
_INVISIBLE = (
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200f"  # zero width space, (non-)joiner, left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # zero width no-break space (byte order mark)
)
_REFUSED_MULTILINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")
# In one line also tab, line feed, carriage return and the line and paragraph separators.
_REFUSED_SINGLE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}]")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def check_text(value: str, *, multiline: bool, field: str | None = None) -> None:
    """ValidationError (code ``invalid_character``) naming the first character refused;
    with ``field``, the error is on that field (as a service raises it)."""
    match = (_REFUSED_MULTILINE if multiline else _REFUSED_SINGLE_LINE).search(value)
    if match is None:
        return
    char, position = match.group(), match.start() + 1
    if char in _LINE_BREAKS:
        message = _("This field is one line: remove the line break (character %(position)d).")
    else:
        message = _(
            "Remove the invisible or control character %(character)s (character %(position)d)."
        )
    error = ValidationError(
        message,
        code="invalid_character",
        params={"character": _describe(char), "position": position},
    )
    raise ValidationError({field: error}) if field else error


def clean_text(
    value, *, field: str, required: bool, max_length: int | None = None, multiline: bool = True
) -> str:
    """``value`` as a service takes text: stripped, at most ``max_length`` characters (and
    never more than ``LONG_TEXT_MAX_LENGTH``), no control characters, one line unless
    ``multiline``; or ValidationError on ``field``."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        raise ValidationError({field: _("The text contains a null character.")}, code="null")
    text = text.strip()
    max_length = min(max_length or LONG_TEXT_MAX_LENGTH, LONG_TEXT_MAX_LENGTH)
    if required and not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(text) > max_length:
        raise ValidationError(
            {field: _("At most %(max)d characters.") % {"max": max_length}}, code="max_length"
        )
    check_text(text, multiline=multiline, field=field)
    return text


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
