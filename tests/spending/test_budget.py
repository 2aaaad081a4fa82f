"""Budget control: an approval never takes a budget line or a year's budget space past
its limit, and the refusal explains itself with the figures, in Dutch."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.models import BudgetLine, BudgetSpace
from citydeal.formatting import format_euro
from spending import services
from spending.constants import SpendingState
from spending.exceptions import BudgetExceeded
from spending.models import SpendingRequest
from spending.selectors import budget_line_figures, year_figures
from tests import roles
from tests.spending.conftest import dutch


def remaining_on_line(amount: str) -> str:
    return dutch("Remaining on this budget line: %(remaining)s") % {
        "remaining": format_euro(Decimal(amount), decimals=True)
    }


def test_the_brief_example_on_the_seed_line_of_ot1(user_named, maker, django_assert_num_queries):
    """OT1 2021 is € 50.000; with € 46.800 approved, € 5.000 more does not fit."""
    line = BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )
    trekker1 = user_named(roles.team_lead(1))
    maker.approved(line, by=trekker1, amount="46800.00")
    req = maker.submitted(line, by=trekker1, amount="5000.00")

    with pytest.raises(BudgetExceeded) as info:
        services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM))

    message = info.value.messages[0]
    assert remaining_on_line("3200.00") in message
    with_nl = dutch("Remaining on this budget line: %(remaining)s")
    if with_nl != "Remaining on this budget line: %(remaining)s":  # once the catalogue has it
        assert "Resterend op deze begrotingsregel: € 3.200,00" in message
    assert "€ 50.000,00" in message and "€ 46.800,00" in message and "€ 5.000,00" in message
    assert info.value.code == "budget_line_exceeded"
    assert (info.value.remaining, info.value.requested) == (Decimal("3200.00"), Decimal("5000.00"))
    req.refresh_from_db()
    assert req.state == SpendingState.SUBMITTED
    assert req.transitions.count() == 1


def test_a_line_fills_up_exactly_and_not_a_cent_more(small, maker, user_named):
    maker.approved(small.line_a21, by=small.lead_a, amount="79.99")
    last_cent = maker.approved(small.line_a21, by=small.lead_a, amount="0.01")
    assert last_cent.state == SpendingState.APPROVED
    one_more = maker.submitted(small.line_a21, by=small.lead_a, amount="0.01")

    with pytest.raises(BudgetExceeded) as info:
        services.spending_request_approve(request_id=one_more.pk, by=user_named(roles.CORE_TEAM))
    assert remaining_on_line("0.00") in info.value.messages[0]


def test_submitted_drafts_and_rejected_requests_do_not_count(small, maker, user_named):
    maker.submitted(small.line_a21, by=small.lead_a, amount="70.00")
    maker.draft(small.line_a21, by=small.lead_a, amount="70.00")
    maker.rejected(small.line_a21, by=small.lead_a, amount="70.00")
    maker.withdrawn(small.line_a21, by=small.lead_a, amount="70.00")
    maker.returned(small.line_a21, by=small.lead_a, amount="70.00")
    fits = maker.approved(small.line_a21, by=small.lead_a, amount="80.00")
    assert fits.state == SpendingState.APPROVED


def test_a_realised_request_counts_with_its_actual_amount(small, maker, user_named):
    maker.realised(small.line_a21, by=small.lead_a, amount="60.00", actual="30.00")
    # 30 realised: 50 left on the line of 80.
    assert budget_line_figures(small.line_a21).remaining == Decimal("50.00")
    assert maker.approved(small.line_a21, by=small.lead_a, amount="50.00").state == "goedgekeurd"


def test_year_budget_space_overrun_is_refused_with_the_figures(small, maker, user_named):
    """A space of 100 in 2021 with two lines of 80: the second line cannot use all of it."""
    maker.approved(small.line_a21, by=small.lead_a, amount="80.00")
    req = maker.submitted(small.line_b21, by=small.lead_b, amount="30.00")
    assert budget_line_figures(small.line_b21).remaining == Decimal("80.00")  # the line has room

    with pytest.raises(BudgetExceeded) as info:
        services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM))

    message = info.value.messages[0]
    assert info.value.code == "budget_space_exceeded"
    assert (
        dutch("Remaining in the budget space of %(year)s: %(remaining)s")
        % {"year": 2021, "remaining": "€ 20,00"}
        in message
    )
    assert "€ 100,00" in message and "€ 80,00" in message and "€ 30,00" in message
    assert maker.approved(small.line_b21, by=small.lead_b, amount="20.00").state == "goedgekeurd"


def test_the_2021_surplus_carries_over_into_2022_and_is_used(small, maker, user_named):
    maker.approved(small.line_a21, by=small.lead_a, amount="30.00")  # 70 of 2021 unused
    _y2021, y2022 = year_figures(programme=small.programme, years=[2021, 2022])
    assert (y2022.carried_in, y2022.available) == (Decimal("70.00"), Decimal("170.00"))
    assert y2022.carried_from == small.space_2021

    # 150 in 2022 fits only thanks to the carry-over (the space itself is 100).
    big = maker.approved(small.line_a22, by=small.lead_a, amount="150.00")
    assert big.state == SpendingState.APPROVED

    too_much = maker.submitted(small.line_b22, by=small.lead_b, amount="30.00")
    with pytest.raises(BudgetExceeded) as info:
        services.spending_request_approve(request_id=too_much.pk, by=user_named(roles.CORE_TEAM))
    message = info.value.messages[0]
    assert "€ 70,00" in message  # the carry-over, named as such
    assert (
        dutch("Remaining in the budget space of %(year)s: %(remaining)s")
        % {"year": 2022, "remaining": "€ 20,00"}
        in message
    )


def test_2021_cannot_spend_the_carry_over_that_2022_already_counts_on(small, maker, user_named):
    maker.approved(small.line_a21, by=small.lead_a, amount="30.00")
    maker.approved(small.line_a22, by=small.lead_a, amount="150.00")  # uses 50 of the 70
    # 2021 itself has room (60 of 100 after this), but the carry-over would drop to 40.
    req = maker.submitted(small.line_b21, by=small.lead_b, amount="30.00")

    with pytest.raises(BudgetExceeded) as info:
        services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM))
    assert info.value.code == "budget_carry_over_exceeded"
    assert info.value.remaining == Decimal("20.00")
    assert maker.approved(small.line_b21, by=small.lead_b, amount="20.00").state == "goedgekeurd"


def test_a_year_whose_space_is_not_stated_has_no_space_check_and_carries_nothing(
    small, maker, user_named
):
    BudgetSpace.objects.filter(pk=small.space_2021.pk).update(amount_min=None, amount_max=None)
    maker.approved(small.line_a21, by=small.lead_a, amount="80.00")
    # 80 + 80 = 160 in 2021: only the lines limit the year.
    assert maker.approved(small.line_b21, by=small.lead_b, amount="80.00").state == "goedgekeurd"
    y2021, y2022 = year_figures(programme=small.programme, years=[2021, 2022])
    assert (y2021.stated, y2021.available, y2021.carry_out) == (False, None, Decimal("0.00"))
    assert (y2022.carried_in, y2022.available) == (Decimal("0.00"), Decimal("100.00"))


def test_the_seed_2021_space_is_not_stated_and_carries_nothing_into_2022(db):
    y2021, y2022 = year_figures(programme=_cdor(), years=[2021, 2022])
    assert y2021.stated is False
    assert y2022.carried_from is not None and y2022.carried_from.year == 2021
    assert y2022.carried_in == Decimal("0.00")
    assert y2022.available == Decimal("500000.00")


def _cdor():
    from teams.models import Programme

    return Programme.objects.get(slug="cdor")


def test_the_second_year_of_a_period_counts_against_its_own_space(small, maker, user_named):
    maker.approved(small.line_a22, by=small.lead_a, amount="100.00", year=2023)
    req = maker.submitted(small.line_b22, by=small.lead_b, amount="1.00", year=2023)
    with pytest.raises(BudgetExceeded):
        services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM))
    # 2022 is untouched by it.
    assert maker.approved(small.line_b22, by=small.lead_b, amount="100.00").state == "goedgekeurd"


def test_realising_above_the_approved_amount_is_refused_even_when_the_line_has_room(
    small, maker, user_named
):
    # The line of 80 has room for 10 more, but 85 was never approved by anyone.
    req = maker.approved(small.line_a21, by=small.lead_a, amount="70.00")
    with pytest.raises(ValidationError) as info:
        services.spending_request_realise(
            request_id=req.pk,
            by=user_named(roles.CORE_TEAM),
            actual_amount=Decimal("75.00"),
            realised_on=datetime.date(2021, 12, 1),
        )
    assert not isinstance(info.value, BudgetExceeded)
    (message,) = info.value.message_dict["actual_amount"]
    assert format_euro(Decimal("70.00"), decimals=True) in message
    req.refresh_from_db()
    assert (req.state, req.actual_amount) == (SpendingState.APPROVED, None)
    assert budget_line_figures(small.line_a21).remaining == Decimal("10.00")

    services.spending_request_realise(
        request_id=req.pk,
        by=user_named(roles.CORE_TEAM),
        actual_amount=Decimal("70.00"),
        realised_on=datetime.date(2021, 12, 1),
    )
    assert budget_line_figures(small.line_a21).remaining == Decimal("10.00")


def test_realising_below_the_approved_amount_frees_the_rest(small, maker, user_named):
    maker.realised(small.line_a21, by=small.lead_a, amount="80.00", actual="50.00")
    assert budget_line_figures(small.line_a21).remaining == Decimal("30.00")
    assert SpendingRequest.objects.filter(state=SpendingState.REALISED).count() == 1
