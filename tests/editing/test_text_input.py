"""Text and amounts as people type them, and as an attacker would: control characters,
bidirectional overrides, zero-width characters, line breaks in a one-line field, texts
of a megabyte and "1_000" as an amount are refused at every door (page, API, admin,
service) with an error on the field; a tab or a line break in a long text is fine."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from knox.models import AuthToken

from cases.services import case_update
from citydeal.validators import LONG_TEXT_MAX_LENGTH
from partners.models import Organisation
from spending import services as spending_services
from spending.models import SpendingRequest
from tests import roles
from tests.api.conftest import ApiClient
from tests.editing.conftest import snapshot
from tests.roles import DORDRECHT

CASE_URL = reverse("case-edit", args=[DORDRECHT])
RLO = "\u202e"  # right-to-left override: "Factuur\u202efdp.exe" reads "Factuurexe.pdf"


@pytest.fixture
def api(user_named):
    """``api(roles.team_lead(1))``: a JSON client with trekker1's token."""

    def make(username: str) -> ApiClient:
        _instance, token = AuthToken.objects.create(user=user_named(username))
        return ApiClient(token)

    return make


REFUSED_IN_ANY_TEXT = [
    pytest.param(RLO, id="bidi-override"),
    pytest.param("\u2066", id="bidi-isolate"),
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\x1b", id="escape"),
    pytest.param("\x7f", id="delete"),
    pytest.param("\x85", id="c1-next-line"),
]


@pytest.mark.parametrize("char", REFUSED_IN_ANY_TEXT)
def test_the_case_page_refuses_invisible_characters_in_the_description(client_as, dordrecht, char):
    before = snapshot(dordrecht)
    response = client_as(roles.case_owner(roles.DORDRECHT)).post(
        CASE_URL, {"description": f"Vragen{char} aan de teams", "contact": "J. de Vries"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["description"]
    assert f"U+{ord(char):04X}" in errors["description"][0]
    assert snapshot(dordrecht) == before


def test_the_case_page_refuses_a_line_break_in_the_contact_but_not_in_the_description(
    client_as, dordrecht
):
    client = client_as(roles.case_owner(roles.DORDRECHT))
    before = snapshot(dordrecht)
    response = client.post(CASE_URL, {"description": "Vragen", "contact": "J. de Vries\nBCC"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["contact"]
    assert snapshot(dordrecht) == before

    response = client.post(CASE_URL, {"description": "Eén\n\tTwee\r\nDrie", "contact": "J."})
    assert response.status_code == 302
    dordrecht.refresh_from_db()
    assert dordrecht.description == "Eén\n\tTwee\r\nDrie"


def test_the_case_page_refuses_a_description_of_a_megabyte(client_as, dordrecht):
    before = snapshot(dordrecht)
    response = client_as(roles.case_owner(roles.DORDRECHT)).post(
        CASE_URL, {"description": "x" * (LONG_TEXT_MAX_LENGTH + 1), "contact": ""}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["description"]
    assert snapshot(dordrecht) == before


def test_the_api_refuses_a_bidi_override_in_the_contact_naming_the_field(api, dordrecht):
    before = snapshot(dordrecht)
    response = api(roles.case_owner(roles.DORDRECHT)).patch(
        f"/api/v1/cases/{dordrecht.pk}/", {"contact": f"J. de Vries{RLO}"}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["contact"]
    assert "U+202E" in response.json()["contact"][0]
    assert snapshot(dordrecht) == before


def test_the_api_refuses_a_description_above_the_maximum(api, dordrecht):
    response = api(roles.case_owner(roles.DORDRECHT)).patch(
        f"/api/v1/cases/{dordrecht.pk}/", {"description": "x" * (LONG_TEXT_MAX_LENGTH + 1)}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["description"]


def test_the_service_refuses_a_zero_width_space_in_the_contact(dordrecht, user_named):
    before = snapshot(dordrecht)
    with pytest.raises(ValidationError) as refused:
        case_update(
            case=dordrecht,
            by=user_named(roles.case_owner(roles.DORDRECHT)),
            description="Vragen",
            contact="J.\u200bde Vries",
        )
    assert list(refused.value.message_dict) == ["contact"]
    dordrecht.refresh_from_db()
    assert snapshot(dordrecht) == before


def test_the_admin_refuses_a_bidi_override_in_a_name(client_as):
    organisation = Organisation.objects.order_by("pk").first()
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    response = client_as(roles.FUNCTIONAL_ADMIN).post(
        url, {"name": f"Geonovum{RLO}", "website": organisation.website}
    )
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert RLO not in organisation.name


# -- spending: the service's own text cleaning and amount parsing -----------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("title", "Onderzoek\nfase 2", id="line-break-in-title"),
        pytest.param("title", f"Onderzoek{RLO}", id="bidi-in-title"),
        pytest.param("description", "Fase\u200b1", id="zero-width-in-description"),
        pytest.param("description", "x" * (LONG_TEXT_MAX_LENGTH + 1), id="long-description"),
    ],
)
def test_the_spending_api_refuses_bad_text_naming_the_field(api, field, value):
    from budgets.models import BudgetLine

    line = BudgetLine.objects.get(team__number=1, period__label="2021")
    count = SpendingRequest.objects.count()
    body = {"budget_line": line.pk, "title": "Onderzoek", "amount": "2500.00", field: value}
    response = api(roles.team_lead(1)).post("/api/v1/spending-requests/", body)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert SpendingRequest.objects.count() == count


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("title", "Onderzoek\nfase 2", id="line-break-in-title"),
        pytest.param("description", f"Fase 1{RLO}", id="bidi-in-description"),
        pytest.param("description", "x" * (LONG_TEXT_MAX_LENGTH + 1), id="long-description"),
    ],
)
def test_the_spending_service_refuses_bad_text_naming_the_field(user_named, field, value):
    from budgets.models import BudgetLine

    line = BudgetLine.objects.get(team__number=1, period__label="2021")
    texts = {"title": "Onderzoek", "description": "", field: value}
    with pytest.raises(ValidationError) as refused:
        spending_services.spending_request_create(
            by=user_named(roles.team_lead(1)), budget_line=line, amount=Decimal("10.00"), **texts
        )
    assert list(refused.value.message_dict) == [field]


def test_the_spending_service_refuses_an_amount_with_underscores():
    with pytest.raises(ValidationError) as refused:
        spending_services.clean_amount("1_000")
    assert list(refused.value.message_dict) == ["amount"]


def test_the_spending_api_refuses_an_amount_with_underscores(api):
    from budgets.models import BudgetLine

    line = BudgetLine.objects.get(team__number=1, period__label="2021")
    count = SpendingRequest.objects.count()
    body = {"budget_line": line.pk, "title": "Onderzoek", "amount": "1_000"}
    response = api(roles.team_lead(1)).post("/api/v1/spending-requests/", body)
    assert response.status_code == 400
    assert list(response.json()) == ["amount"]
    assert SpendingRequest.objects.count() == count


def test_the_spending_page_refuses_an_amount_with_underscores(client_as):
    from budgets.models import BudgetLine

    line = BudgetLine.objects.get(team__number=1, period__label="2021")
    count = SpendingRequest.objects.count()
    response = client_as(roles.team_lead(1)).post(
        reverse("spending-create"),
        {"budget_line": line.pk, "title": "Onderzoek", "amount": "1_000"},
    )
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert SpendingRequest.objects.count() == count


def test_a_budget_line_page_refuses_an_amount_with_underscores(client_as, ot5_line_2021):
    before = snapshot(ot5_line_2021)
    response = client_as(roles.CORE_TEAM_OTHER).post(
        reverse("budget-line-edit", args=[ot5_line_2021.pk]),
        {"amount": "57_500", "main_activities": ""},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["amount"]
    assert snapshot(ot5_line_2021) == before


def test_the_activity_api_refuses_an_estimate_with_underscores(api, ot1_activity):
    before = snapshot(ot1_activity)
    response = api(roles.team_lead(1)).patch(
        f"/api/v1/activities/{ot1_activity.pk}/", {"estimate_min": "1_000"}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["estimate_min"]
    assert snapshot(ot1_activity) == before
