"""Money for people: "€ 1.360.000", Dutch separators in both languages, "—" for unknown."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from citydeal.formatting import format_euro


@pytest.mark.parametrize(
    ("amount", "decimals", "expected"),
    [
        (Decimal("0"), False, "€ 0"),
        (0, False, "€ 0"),
        (Decimal("150000"), False, "€ 150.000"),
        (Decimal("1360000.00"), False, "€ 1.360.000"),
        (Decimal("3200.5"), True, "€ 3.200,50"),
        (Decimal("3200.00"), True, "€ 3.200,00"),
        (Decimal("0"), True, "€ 0,00"),
        (Decimal("999.5"), False, "€ 1.000"),
        (Decimal("1234567.891"), True, "€ 1.234.567,89"),
        (Decimal("-1500"), False, "€ -1.500"),
        (Decimal("-3200.5"), True, "€ -3.200,50"),
        (Decimal("-0.4"), False, "€ 0"),
        (None, False, "—"),
        (None, True, "—"),
    ],
)
def test_format_euro(amount, decimals, expected):
    assert format_euro(amount, decimals=decimals) == expected


def test_format_euro_is_dutch_in_english_too():
    with translation.override("en"):
        assert format_euro(Decimal("1360000")) == "€ 1.360.000"


@pytest.mark.parametrize(
    ("template", "value", "expected"),
    [
        ("{{ value|euro }}", Decimal("1360000"), "€ 1.360.000"),
        ("{{ value|euro_cents }}", Decimal("3200.5"), "€ 3.200,50"),
        ("{{ value|euro }}", None, "—"),
        ("{{ value|euro_cents }}", "", "—"),
        ("{{ value|euro }}", 150000, "€ 150.000"),
        ("{{ value|euro }}", "<b>n.t.b.</b>", "&lt;b&gt;n.t.b.&lt;/b&gt;"),
    ],
)
def test_money_template_filters(template, value, expected):
    rendered = Template("{% load money %}" + template).render(Context({"value": value}))
    assert rendered == expected
