"""The core team's pages: budget lines, the budget space, decisions and events."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine, Decision
from budgets.permissions import can_manage_budget, can_manage_decisions
from events.models import Event
from events.permissions import can_manage_events
from tests import roles
from tests.editing.conftest import assert_refused, in_dutch, snapshot
from tests.pages.helpers import dutch

# Everyone but the core team: the director, team leads (also of the line's own team),
# a case owner and the functional admin.
NOT_THE_CORE_TEAM = ["directeur", "trekker5", "trekker1", "casus-dordrecht", "beheerder"]
READERS = ["kernteam1", *NOT_THE_CORE_TEAM]


# -- budget line ------------------------------------------------------------------------


def test_the_core_team_edits_a_budget_line(client_as, ot5_line_2021):
    url = reverse("budget-line-edit", args=[ot5_line_2021.pk])
    client = client_as(roles.CORE_TEAM_OTHER)
    assert client.get(url).status_code == 200

    response = client.post(url, {"amount": "57.500,50", "main_activities": "Workshops"})

    assert response.status_code == 302
    assert response["Location"] == reverse("budget-line-detail", args=[ot5_line_2021.pk])
    ot5_line_2021.refresh_from_db()
    assert ot5_line_2021.amount == Decimal("57500.50")
    assert ot5_line_2021.main_activities == "Workshops"
    assert ot5_line_2021.history.first().history_user.username == "kernteam2"


@pytest.mark.parametrize("username", NOT_THE_CORE_TEAM)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_a_budget_line(client_as, user_named, ot5_line_2021, username, method):
    before = snapshot(ot5_line_2021)
    url = reverse("budget-line-edit", args=[ot5_line_2021.pk])
    client = client_as(username)
    response = (
        client.get(url)
        if method == "get"
        else client.post(url, {"amount": "1", "main_activities": ""})
    )
    assert_refused(response, in_dutch(can_manage_budget, user_named(username)))
    assert snapshot(ot5_line_2021) == before


@pytest.mark.parametrize(
    "amount",
    [
        pytest.param("-1", id="negative"),
        pytest.param("10,125", id="three-decimals"),
        pytest.param("veel", id="not-a-number"),
        pytest.param("100000000", id="absurd"),
        pytest.param("", id="empty"),
    ],
)
def test_a_wrong_amount_changes_nothing(client_as, ot5_line_2021, amount):
    before = snapshot(ot5_line_2021)
    response = client_as(roles.CORE_TEAM).post(
        reverse("budget-line-edit", args=[ot5_line_2021.pk]),
        {"amount": amount, "main_activities": "x"},
    )
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert snapshot(ot5_line_2021) == before


def test_the_largest_amount_is_accepted(client_as, ot5_line_2021):
    response = client_as(roles.CORE_TEAM).post(
        reverse("budget-line-edit", args=[ot5_line_2021.pk]),
        {"amount": "99.999.999,99", "main_activities": ""},
    )
    assert response.status_code == 302
    ot5_line_2021.refresh_from_db()
    assert ot5_line_2021.amount == Decimal("99999999.99")


@pytest.mark.parametrize("username", READERS)
def test_every_role_reads_the_budget_line(client_as, ot5_line_2021, username):
    response = client_as(username).get(reverse("budget-line-detail", args=[ot5_line_2021.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "€ 55.000,00" in html
    edit_url = reverse("budget-line-edit", args=[ot5_line_2021.pk])
    assert (edit_url in html) is (username == "kernteam1")


def test_the_overview_links_the_core_team_to_the_edit_pages(client_as, ot5_line_2021):
    edit_urls = [
        reverse("budget-line-edit", args=[ot5_line_2021.pk]),
        reverse("budget-space-edit", args=[2022]),
        reverse("event-create"),
        reverse("decision-create"),
    ]
    core = client_as(roles.CORE_TEAM).get(reverse("overview")).content.decode()
    assert all(url in core for url in edit_urls)
    director = client_as(roles.DIRECTOR).get(reverse("overview")).content.decode()
    assert not any(url in director for url in edit_urls)
    assert reverse("budget-line-detail", args=[ot5_line_2021.pk]) in director


# -- budget space -----------------------------------------------------------------------

SPACE_URL = reverse("budget-space-edit", args=[2022])


def test_the_core_team_edits_the_budget_space(client_as, space_2022):
    client = client_as(roles.CORE_TEAM)
    assert client.get(SPACE_URL).status_code == 200
    response = client.post(
        SPACE_URL, {"amount_min": "450000", "amount_max": "550000", "note": "Bijgesteld"}
    )
    assert response.status_code == 302
    space_2022.refresh_from_db()
    assert (space_2022.amount_min, space_2022.amount_max) == (Decimal("450000"), Decimal("550000"))
    assert space_2022.carries_over is False


@pytest.mark.parametrize("username", NOT_THE_CORE_TEAM)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_the_budget_space(client_as, user_named, space_2022, username, method):
    before = snapshot(space_2022)
    client = client_as(username)
    data = {"amount_min": "1", "amount_max": "2", "note": ""}
    response = client.get(SPACE_URL) if method == "get" else client.post(SPACE_URL, data)
    assert_refused(response, in_dutch(can_manage_budget, user_named(username)))
    assert snapshot(space_2022) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param({"amount_min": "500000", "amount_max": "400000"}, "amount_max", id="min>max"),
        pytest.param({"amount_min": "-1", "amount_max": "400000"}, "amount_min", id="negative"),
        pytest.param({"amount_min": "1,001", "amount_max": ""}, "amount_min", id="3-decimals"),
        pytest.param({"amount_min": "vier", "amount_max": ""}, "amount_min", id="not-a-number"),
    ],
)
def test_a_wrong_budget_space_changes_nothing(client_as, space_2022, data, field):
    before = snapshot(space_2022)
    response = client_as(roles.CORE_TEAM).post(SPACE_URL, {**data, "note": ""})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot(space_2022) == before


def test_min_above_max_is_explained_in_dutch(client_as, space_2022):
    response = client_as(roles.CORE_TEAM).post(
        SPACE_URL, {"amount_min": "500000", "amount_max": "400000", "note": ""}
    )
    assert dutch("The maximum cannot be lower than the minimum.") in response.content.decode()


def test_a_year_without_budget_space_is_not_found(client_as):
    assert (
        client_as(roles.CORE_TEAM).get(reverse("budget-space-edit", args=[2030])).status_code == 404
    )


# -- decisions --------------------------------------------------------------------------


def decision_data(**changes) -> dict:
    data = {
        "date": "2021-12-09",
        "meeting": "Kernteam",
        "text": "Groen licht voor het atelier.",
        "event": Event.objects.get(slug="atelier-3-2021-12").pk,
        "budget_lines": [
            line.pk
            for line in BudgetLine.objects.filter(team__number__in=[1, 2], period__label="2021")
        ],
    }
    data.update(changes)
    return data


def test_the_core_team_records_a_decision(client_as):
    client = client_as(roles.CORE_TEAM)
    assert client.get(reverse("decision-create")).status_code == 200

    response = client.post(reverse("decision-create"), decision_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("decision-list")
    decision = Decision.objects.get(text="Groen licht voor het atelier.")
    assert decision.date == datetime.date(2021, 12, 9)
    assert decision.reference == "kernteam"
    assert decision.event.slug == "atelier-3-2021-12"
    assert decision.budget_lines.count() == 2
    record = decision.history.get()
    assert (record.history_type, record.history_user.username) == ("+", "kernteam1")
    assert record.budget_lines.count() == 2


def test_two_decisions_of_one_meeting_get_their_own_reference(client_as):
    client = client_as(roles.CORE_TEAM)
    client.post(reverse("decision-create"), decision_data())
    client.post(reverse("decision-create"), decision_data(text="Tweede besluit"))
    references = set(
        Decision.objects.filter(date=datetime.date(2021, 12, 9)).values_list("reference", flat=True)
    )
    assert references == {"kernteam", "kernteam-2"}


@pytest.mark.parametrize("username", NOT_THE_CORE_TEAM)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_record_a_decision(client_as, user_named, username, method):
    count = Decision.objects.count()
    client = client_as(username)
    url = reverse("decision-create")
    response = client.get(url) if method == "get" else client.post(url, decision_data())
    assert_refused(response, in_dutch(can_manage_decisions, user_named(username)))
    assert Decision.objects.count() == count


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"date": "14 oktober"}, "date", id="not-a-date"),
        pytest.param({"text": ""}, "text", id="no-text"),
        pytest.param({"event": "999999"}, "event", id="unknown-event"),
    ],
)
def test_a_wrong_decision_is_not_recorded(client_as, changes, field):
    count = Decision.objects.count()
    response = client_as(roles.CORE_TEAM).post(reverse("decision-create"), decision_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Decision.objects.count() == count


@pytest.mark.parametrize("username", READERS)
def test_every_role_reads_the_decisions(client_as, username):
    response = client_as(username).get(reverse("decision-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "groen licht" in html
    assert (reverse("decision-create") in html) is (username == "kernteam1")


# -- events -----------------------------------------------------------------------------


def event_data(**changes) -> dict:
    data = {
        "kind": "atelier",
        "title": "Atelier 4",
        "date": "2022-03-17",
        "date_precision": "day",
        "place": "Utrecht",
        "description": "",
        "teams": [],
        "cases": [],
    }
    data.update(changes)
    return data


def test_the_core_team_plans_an_event(client_as):
    client = client_as(roles.CORE_TEAM)
    assert client.get(reverse("event-create")).status_code == 200
    response = client.post(reverse("event-create"), event_data())
    assert response.status_code == 302
    event = Event.objects.get(title="Atelier 4")
    assert event.slug == "atelier-4-2022-03-17"
    assert event.history.get().history_user.username == "kernteam1"


def test_an_event_of_which_only_the_month_is_known_is_on_the_first(client_as):
    client_as(roles.CORE_TEAM).post(
        reverse("event-create"), event_data(date="2022-05-19", date_precision="month")
    )
    event = Event.objects.get(title="Atelier 4")
    assert event.date == datetime.date(2022, 5, 1)
    assert event.slug == "atelier-4-2022-05"


def test_the_core_team_edits_an_event(client_as):
    event = Event.objects.get(slug="atelier-3-2021-12")
    teams = list(event.programme.teams.filter(number__in=[2, 5]).values_list("pk", flat=True))
    url = reverse("event-edit", args=[event.slug])
    client = client_as(roles.CORE_TEAM_OTHER)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        event_data(
            title="Atelier 3 (verzet)",
            date="2022-01-01",
            date_precision="month",
            teams=teams,
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Atelier 3 (verzet)"
    assert event.slug == "atelier-3-2021-12"  # the URL stays
    assert set(event.teams.values_list("pk", flat=True)) == set(teams)


@pytest.mark.parametrize("username", NOT_THE_CORE_TEAM)
@pytest.mark.parametrize("page", ["create", "edit"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_plan_or_change_events(client_as, user_named, username, page, method):
    event = Event.objects.get(slug="atelier-3-2021-12")
    before = snapshot(event)
    count = Event.objects.count()
    url = reverse("event-create") if page == "create" else reverse("event-edit", args=[event.slug])
    client = client_as(username)
    response = client.get(url) if method == "get" else client.post(url, event_data())
    assert_refused(response, in_dutch(can_manage_events, user_named(username)))
    assert Event.objects.count() == count
    assert snapshot(event) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"date": "volgende week"}, "date", id="not-a-date"),
        pytest.param({"kind": "feest"}, "kind", id="unknown-kind"),
        pytest.param({"title": ""}, "title", id="no-title"),
    ],
)
def test_a_wrong_event_changes_nothing(client_as, changes, field):
    event = Event.objects.get(slug="atelier-3-2021-12")
    before = snapshot(event)
    response = client_as(roles.CORE_TEAM).post(
        reverse("event-edit", args=[event.slug]), event_data(**changes)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot(event) == before
