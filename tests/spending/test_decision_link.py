"""The decisions register links approved spending requests to the core team's decision."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from budgets.models import BudgetLine, Decision
from spending.services import spending_decision_record
from teams.models import Programme
from tests import roles


@pytest.fixture
def ot1_line(db):
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )


def test_recording_a_decision_links_the_approved_requests(client_as, maker, user_named, ot1_line):
    approved = maker.approved(
        ot1_line, by=user_named(roles.team_lead(1)), approver=user_named(roles.CORE_TEAM)
    )
    draft = maker.draft(ot1_line, by=user_named(roles.team_lead(1)))
    client = client_as(roles.CORE_TEAM_OTHER)

    choices = client.get(reverse("decision-create")).context["form"]["spending_requests"]
    offered = {int(str(choice.data["value"])) for choice in choices}
    assert approved.pk in offered
    assert draft.pk not in offered

    response = client.post(
        reverse("decision-create"),
        {
            "date": "2021-12-08",
            "meeting": "Kernteam",
            "text": "Groen licht voor de workshops",
            "spending_requests": [approved.pk],
        },
    )

    assert response.status_code == 302
    decision = Decision.objects.get(text="Groen licht voor de workshops")
    approved.refresh_from_db()
    assert approved.decision == decision
    page = client.get(reverse("spending-detail", args=[approved.pk])).content.decode()
    assert "Groen licht voor de workshops" in page


def test_only_approved_requests_without_a_decision_are_offered(
    client_as, maker, user_named, ot1_line
):
    draft = maker.draft(ot1_line, by=user_named(roles.team_lead(1)))
    client = client_as(roles.CORE_TEAM_OTHER)
    response = client.post(
        reverse("decision-create"),
        {
            "date": "2021-12-08",
            "meeting": "Kernteam",
            "text": "Niets",
            "spending_requests": [draft.pk],
        },
    )
    assert response.status_code == 200  # the form again, with the field's error
    assert "spending_requests" in response.context["form"].errors
    assert not Decision.objects.filter(text="Niets").exists()
    draft.refresh_from_db()
    assert draft.decision is None


def test_a_concept_cannot_be_linked_through_the_service(maker, user_named, ot1_line):
    draft = maker.draft(ot1_line, by=user_named(roles.team_lead(1)))
    with pytest.raises(ValidationError):
        spending_decision_record(
            programme=Programme.objects.get(slug="cdor"),
            by=user_named(roles.CORE_TEAM),
            date=datetime.date(2021, 12, 8),
            meeting="Kernteam",
            text="Niets",
            spending_requests=[draft],
        )


def test_a_director_cannot_record_a_decision(maker, user_named, ot1_line):
    approved = maker.approved(
        ot1_line, by=user_named(roles.team_lead(1)), approver=user_named(roles.CORE_TEAM)
    )
    with pytest.raises(PermissionDenied):
        spending_decision_record(
            programme=Programme.objects.get(slug="cdor"),
            by=user_named(roles.DIRECTOR),
            date=datetime.date(2021, 12, 8),
            meeting="Kernteam",
            text="Niets",
            spending_requests=[approved],
        )
    approved.refresh_from_db()
    assert approved.decision is None
