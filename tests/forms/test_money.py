"""One vocabulary for money: the form field takes an amount typed the Dutch way or plain,
refuses what is no amount, and the limits are the same for pages, services and the API."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from citydeal.money import MAX_AMOUNT, MoneyField, amount_hint, clean_amount, parse_amount
from spending import services as spending_services
from tests.permissions.test_matrix import ROLES


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


@pytest.mark.parametrize(
    ("language", "example", "other"),
    [("nl", "1.250,00", "1,250.00"), ("en", "1,250.00", "1.250,00")],
)
def test_the_amount_hint_shows_the_notation_the_field_reads(language, example, other):
    """The example in the hint is an amount the field takes as 1250 in that language."""
    with translation.override(language):
        hint = str(amount_hint())
        assert example in hint and other not in hint
        assert MoneyField().clean(example) == Decimal("1250.00")


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "example"), [("nl", "1.250,00"), ("en", "1,250.00")])
def test_the_spending_form_hints_amounts_in_the_page_language(client, language, example):
    client.force_login(User.objects.get(username=ROLES["team_lead_this"]))
    # The requests leave their language active: the override puts the default back after.
    with translation.override(None):
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        html = client.get(reverse("spending-create")).content.decode()
    assert f'<html lang="{language}">' in html
    hint = re.search(r'<[^>]+id="id_amount_helptext"[^>]*>([^<]*)<', html)
    assert hint is not None
    assert example in hint.group(1)
    assert ("1.250,00" if language == "en" else "1,250.00") not in hint.group(1)
