"""Four eyes at realisation (issue 7, point 3): whoever created or submitted a request does
not record what it cost; the actual amount is at most the approved one (larger costs
need a new request); the date lies within the budget line's period. The service, the
page and the API refuse alike, and a refusal changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from citydeal.formatting import format_euro
from spending import services
from spending.constants import SpendingState
from spending.models import SpendingRequest
from spending.permissions import can_realise_spending
from tests import roles
from tests.spending.conftest import dutch

DAY = datetime.date(2021, 12, 1)
OWN_REQUEST = (
    "You cannot record what was spent on a request you created or submitted "
    "yourself: another core team member does that."
)


def euro(amount: str) -> str:
    return format_euro(Decimal(amount), decimals=True)


def state_of(req: SpendingRequest) -> tuple:
    fresh = SpendingRequest.objects.get(pk=req.pk)
    return fresh.state, fresh.actual_amount, fresh.realised_on, fresh.transitions.count()


@pytest.fixture
def own(small, maker, user_named):
    """The issue's case: kernteam1 creates and submits € 50, kernteam2 approves it."""
    return maker.approved(
        small.line_a21,
        by=user_named(roles.CORE_TEAM),
        approver=user_named(roles.CORE_TEAM_OTHER),
        amount="50",
    )


def realise(req, by, actual="50.00", on=DAY):
    return services.spending_request_realise(
        request_id=req.pk, by=by, actual_amount=Decimal(actual), realised_on=on
    )


# -- who ----------------------------------------------------------------------------------


def test_the_creator_and_submitter_cannot_realise_the_own_request(own, user_named):
    kernteam1 = user_named(roles.CORE_TEAM)
    verdict = can_realise_spending(kernteam1, own)
    assert not verdict
    assert verdict.reason == dutch(OWN_REQUEST)

    before = state_of(own)
    with pytest.raises(PermissionDenied) as info:
        realise(own, kernteam1, actual="39000.00")
    assert str(info.value) == verdict.reason
    assert state_of(own) == before

    # Another core team member (here the approver) records it.
    realise(own, user_named(roles.CORE_TEAM_OTHER), actual="45.00")
    assert state_of(own)[:2] == (SpendingState.REALISED, Decimal("45.00"))


# -- how much -----------------------------------------------------------------------------


@pytest.mark.parametrize("actual", ["39000.00", "50.01"])
def test_an_actual_amount_above_the_approved_one_is_refused_naming_it(
    small, maker, user_named, actual
):
    req = maker.approved(small.line_a21, by=small.lead_a, amount="50")
    before = state_of(req)
    with pytest.raises(ValidationError) as info:
        realise(req, user_named(roles.CORE_TEAM_OTHER), actual=actual)
    (message,) = info.value.message_dict["actual_amount"]
    assert euro("50.00") in message
    assert state_of(req) == before

    realise(
        req, user_named(roles.CORE_TEAM_OTHER), actual="50.00"
    )  # the approved amount itself is fine
    assert state_of(req)[:2] == (SpendingState.REALISED, Decimal("50.00"))


# -- when ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "on", "years", "within"),
    [
        ("line_a21", datetime.date(2020, 12, 31), "2021", datetime.date(2021, 1, 1)),
        ("line_a21", datetime.date(2022, 1, 1), "2021", datetime.date(2021, 12, 31)),
        ("line_a22", datetime.date(2021, 12, 31), "2022-2023", datetime.date(2023, 6, 30)),
    ],
)
def test_a_date_outside_the_budget_lines_period_is_refused_naming_the_period(
    small, maker, user_named, line, on, years, within
):
    req = maker.approved(getattr(small, line), by=small.lead_a, amount="10")
    before = state_of(req)
    with pytest.raises(ValidationError) as info:
        realise(req, user_named(roles.CORE_TEAM_OTHER), actual="10.00", on=on)
    (message,) = info.value.message_dict["realised_on"]
    assert f"({years})" in message
    assert state_of(req) == before

    realise(req, user_named(roles.CORE_TEAM_OTHER), actual="10.00", on=within)
    assert state_of(req)[2] == within


def test_the_period_message_reaches_the_user_in_dutch_ready_form(small, maker, user_named):
    """The message is one translatable sentence with the years as a placeholder."""
    from django.utils import translation

    req = maker.approved(small.line_a21, by=small.lead_a, amount="10")
    with translation.override("nl"), pytest.raises(ValidationError) as info:
        realise(
            req, user_named(roles.CORE_TEAM_OTHER), actual="10.00", on=datetime.date(2020, 6, 1)
        )
    expected = dutch(
        "The date of realisation must lie within the budget line's period (%(years)s)."
    ) % {"years": "2021"}
    assert info.value.message_dict["realised_on"] == [expected]


# -- the page -----------------------------------------------------------------------------


def test_the_page_hides_the_realise_form_from_the_creator_and_refuses_the_post(client_as, own):
    client = client_as(roles.CORE_TEAM)
    html = client.get(reverse("spending-detail", args=[own.pk])).content.decode()
    assert reverse("spending-realise", args=[own.pk]) not in html

    before = state_of(own)
    response = client.post(
        reverse("spending-realise", args=[own.pk]),
        {"realise-actual_amount": "39.000,00", "realise-realised_on": "2021-12-01"},
    )
    assert response.status_code == 403
    assert state_of(own) == before

    other = client_as(roles.CORE_TEAM_OTHER).get(reverse("spending-detail", args=[own.pk]))
    assert reverse("spending-realise", args=[own.pk]) in other.content.decode()


def test_the_page_shows_a_too_high_amount_at_its_field(client_as, own):
    before = state_of(own)
    response = client_as(roles.CORE_TEAM_OTHER).post(
        reverse("spending-realise", args=[own.pk]),
        {"realise-actual_amount": "39.000,00", "realise-realised_on": "2021-12-01"},
    )
    assert response.status_code == 400
    errors = response.context["realise_form"].errors
    assert list(errors) == ["actual_amount"]
    assert euro("50.00") in errors["actual_amount"][0]
    assert state_of(own) == before
