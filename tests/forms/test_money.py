"""One vocabulary for money: the form field takes an amount typed the Dutch way or plain,
refuses what is no amount, and the limits are the same for pages, services and the API."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from citydeal.money import MAX_AMOUNT, MoneyField, clean_amount, parse_amount
from spending import services as spending_services


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("57.500,50", "57500.50"), ("57500.50", "57500.50"), ("€ 1.250", "1250"), ("0,01", "0.01")],
)
def test_the_money_field_reads_dutch_and_plain_amounts(typed, amount):
    with translation.override("nl"):
        assert MoneyField().clean(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["1_000", "abc", "1,005", "-1", "100000000"])
def test_the_money_field_refuses_what_is_no_amount(typed):
    with translation.override("nl"), pytest.raises(ValidationError):
        MoneyField().clean(typed)


def test_the_money_field_writes_its_bounds_as_amounts():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        MoneyField(min_value=Decimal("0.01")).clean("0")
    assert "€ 0,01" in refused.value.messages[0]


@pytest.mark.parametrize("value", [0.1, 1.0, True, None, "1_000", "NaN", "Infinity", "x"])
def test_parse_amount_refuses_floats_and_what_is_no_amount(value):
    with pytest.raises(ValidationError) as refused:
        parse_amount(value, field="amount")
    assert "amount" in refused.value.message_dict


def test_services_and_pages_share_one_limit():
    assert clean_amount(MAX_AMOUNT) == Decimal("99999999.99")
    with pytest.raises(ValidationError):
        spending_services.clean_amount(MAX_AMOUNT + Decimal("0.01"))
    assert MoneyField().clean(str(MAX_AMOUNT).replace(".", ",")) == MAX_AMOUNT
