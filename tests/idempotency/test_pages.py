"""A create page's form carries a one-time token: sending the same form twice (a double
click, the browser sending it again, "back" and send) creates once, and the second send
shows what the first one created."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Activity
from budgets.models import BudgetLine, Decision
from citydeal.models import IdempotencyKey
from events.models import Event
from spending.models import SpendingRequest
from tests import roles
from tests.editing.test_core_team_pages import decision_data, event_data
from tests.editing.test_team_lead_pages import new_activity_data
from tests.idempotency.conftest import token_on
from tests.spending.conftest import dutch

pytestmark = pytest.mark.django_db

ALREADY_SENT = "This form had already been sent: this is what it created, once."
CHANGES_NOT_SAVED = (
    "This form had already been sent: this is what it created. What was changed before "
    "sending it again has not been saved; open a new form to add another."
)


@pytest.fixture
def ot1_line():
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )


def draft_data(line, **changes) -> dict:
    data = {"budget_line": line.pk, "title": "Zaalhuur atelier", "amount": "1.250,00"}
    data.update(changes)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_double_submit_of_the_spending_form_makes_one_draft(client_as, ot1_line):
    client = client_as(roles.team_lead(1))
    token = token_on(client.get(reverse("spending-create")))
    data = {**draft_data(ot1_line), "submit_token": token}

    first = client.post(reverse("spending-create"), data)
    second = client.post(reverse("spending-create"), data, follow=True)

    draft = SpendingRequest.objects.get(title="Zaalhuur atelier")  # one, not two
    assert first.status_code == 302
    assert first["Location"] == reverse("spending-detail", args=[draft.pk])
    assert second.redirect_chain == [(reverse("spending-detail", args=[draft.pk]), 302)]
    assert second.context["req"] == draft
    assert dutch(ALREADY_SENT) in messages_of(second)


def test_each_spending_form_gets_its_own_token_and_makes_its_own_draft(client_as, ot1_line):
    client = client_as(roles.team_lead(1))
    tokens = [token_on(client.get(reverse("spending-create"))) for _ in range(2)]
    assert tokens[0] != tokens[1]
    for token in tokens:
        client.post(reverse("spending-create"), {**draft_data(ot1_line), "submit_token": token})
    assert SpendingRequest.objects.filter(title="Zaalhuur atelier").count() == 2


def test_a_refused_send_keeps_the_token_for_the_corrected_one(client_as, ot1_line):
    client = client_as(roles.team_lead(1))
    token = token_on(client.get(reverse("spending-create")))
    url = reverse("spending-create")

    refused = client.post(url, {**draft_data(ot1_line, amount="-5"), "submit_token": token})
    assert refused.status_code == 200
    assert token_on(refused) == token  # the form shown again sends the same token
    assert not SpendingRequest.objects.filter(title="Zaalhuur atelier").exists()

    client.post(url, {**draft_data(ot1_line), "submit_token": token})
    again = client.post(url, {**draft_data(ot1_line), "submit_token": token})
    draft = SpendingRequest.objects.get(title="Zaalhuur atelier")
    assert again["Location"] == reverse("spending-detail", args=[draft.pk])


def test_changes_sent_again_with_the_same_token_are_not_saved_and_say_so(client_as, ot1_line):
    client = client_as(roles.team_lead(1))
    token = token_on(client.get(reverse("spending-create")))
    client.post(reverse("spending-create"), {**draft_data(ot1_line), "submit_token": token})

    second = client.post(
        reverse("spending-create"),
        {**draft_data(ot1_line, title="Zaalhuur, aangepast"), "submit_token": token},
        follow=True,
    )

    draft = SpendingRequest.objects.get(created_by__username="trekker1", budget_line=ot1_line)
    assert draft.title == "Zaalhuur atelier"
    assert second.context["req"] == draft
    assert any(
        message.startswith(dutch(CHANGES_NOT_SAVED)) and message != dutch(ALREADY_SENT)
        for message in messages_of(second)
    )


def test_the_same_token_from_another_user_is_another_users_form(client_as, ot1_line):
    token = token_on(client_as(roles.team_lead(1)).get(reverse("spending-create")))
    for username in ("trekker1", "kernteam1"):
        client_as(username).post(
            reverse("spending-create"), {**draft_data(ot1_line), "submit_token": token}
        )
    creators = SpendingRequest.objects.filter(title="Zaalhuur atelier").values_list(
        "created_by__username", flat=True
    )
    assert sorted(creators) == ["kernteam1", "trekker1"]


def test_a_double_submit_of_the_event_form_plans_one_event(client_as):
    client = client_as(roles.CORE_TEAM)
    data = {**event_data(), "submit_token": token_on(client.get(reverse("event-create")))}
    first = client.post(reverse("event-create"), data)
    second = client.post(reverse("event-create"), data, follow=True)
    assert Event.objects.filter(title="Atelier 4").count() == 1
    assert second.redirect_chain == [(first["Location"], 302)]
    assert dutch(ALREADY_SENT) in messages_of(second)


def test_a_double_submit_of_the_decision_form_records_one_decision(client_as):
    client = client_as(roles.CORE_TEAM)
    before = Decision.objects.count()
    data = {**decision_data(), "submit_token": token_on(client.get(reverse("decision-create")))}
    client.post(reverse("decision-create"), data)
    second = client.post(reverse("decision-create"), data)
    assert Decision.objects.count() == before + 1
    # a second decision of the meeting would have been "kernteam-2"
    assert not Decision.objects.filter(date=datetime.date(2021, 12, 9), reference="kernteam-2")
    assert second["Location"] == reverse("decision-list")


def test_a_double_submit_of_the_activity_form_adds_one_activity(client_as):
    client = client_as(roles.team_lead(1))
    url = reverse("activity-create", args=[1])
    data = {**new_activity_data(), "submit_token": token_on(client.get(url))}
    client.post(url, data)
    second = client.post(url, data)
    activity = Activity.objects.get(title="Workshop data-standaarden")  # one, not two
    assert second["Location"] == reverse("activity-detail", args=[activity.pk])


def test_a_token_of_one_form_does_not_replay_on_another(client_as):
    client = client_as(roles.CORE_TEAM)
    token = token_on(client.get(reverse("event-create")))
    client.post(reverse("event-create"), {**event_data(), "submit_token": token})
    before = Decision.objects.count()

    response = client.post(reverse("decision-create"), {**decision_data(), "submit_token": token})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        dutch("This form could not be sent: reload the page and fill it in again.")
    ]
    assert Decision.objects.count() == before


def test_a_token_older_than_a_day_creates_again(client_as, ot1_line):
    client = client_as(roles.team_lead(1))
    data = {
        **draft_data(ot1_line),
        "submit_token": token_on(client.get(reverse("spending-create"))),
    }
    client.post(reverse("spending-create"), data)
    IdempotencyKey.objects.update(created=datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC))
    client.post(reverse("spending-create"), data)
    assert SpendingRequest.objects.filter(title="Zaalhuur atelier").count() == 2
