"""A team's page: goals, planning, budget lines, cases, partners, events and differences."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.models import User
from activities.models import Activity
from activities.services import ActivityInput, activity_update
from budgets.models import BudgetLine
from cases.models import Case
from partners.models import RelatedProgramme
from tests import roles
from tests.pages.helpers import dutch, table_with_caption


def test_team_page_shows_the_differences_plainly(document_rows, client_as):
    response = client_as(roles.team_lead(5)).get(reverse("team-detail", kwargs={"number": 5}))
    html = response.content.decode()
    assert 'id="differences"' in html
    caption = dutch("Case table of %(code)s against its budget lines") % {"code": "OT5"}
    table = table_with_caption(response, caption)
    body = table["rows"][1:]
    first = body[0]
    assert first[1] == "2021"
    assert first[3:6] == ["€ 40.000", "€ 55.000", "€ -15.000"]
    second = body[1]
    assert second[1] == "2022-2023"
    assert second[3:6] == ["€ 250.000", "€ 320.000", "€ -70.000"]


def test_team_page_has_the_case_table_with_totals(document_rows, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("team-detail", kwargs={"number": 5}))
    html = response.content.decode()
    assert "Dordtse buurtaanpak Componistenbuurt" in html
    assert "€ 40.000" in html and "€ 250.000" in html


def test_team_page_shows_both_budget_lines(document_rows, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("team-detail", kwargs={"number": 1}))
    html = response.content.decode()
    assert "€ 50.000" in html and "€ 450.000" in html
    assert 'id="differences"' not in html  # OT1 has no case table


def test_team_without_cases_has_no_differences(document_rows, client_as):
    Case.objects.all().delete()
    response = client_as(roles.DIRECTOR).get(reverse("team-detail", kwargs={"number": 5}))
    assert 'id="differences"' not in response.content.decode()


def test_team_page_shows_planning_and_partners(one_of_each, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("team-detail", kwargs={"number": 5}))
    html = response.content.decode()
    assert "Test activity" in html
    assert 'class="is-open"' in html
    assert "Test programme" in html and "Test contact" in html
    assert "Test workshop" in html


def test_team_page_query_count_is_fixed(one_of_each, client_as, django_assert_num_queries):
    client = client_as(roles.DIRECTOR)
    # session, user, roles, programme, team (with its planning's last change), goals,
    # activities, cases with teams, other municipalities and costs, case totals, case
    # costs, periods, lines (differences), the readings of the plan, related programmes with
    # contacts, events, upcoming workshops, and the estimates against the lines with the
    # team's budget lines. The recent changes have a page of their own (team-changes).
    with django_assert_num_queries(21):
        response = client.get(reverse("team-detail", kwargs={"number": 5}))
    assert response.status_code == 200


@pytest.mark.parametrize(("username", "queries"), [("trekker1", 23), ("trekker5", 25)])
def test_team_page_query_count_for_team_leads(
    one_of_each, client_as, django_assert_num_queries, username, queries
):
    client = client_as(username)
    # Two more: the teams the lead leads (one query for the edit links and the navigation,
    # citydeal.verdicts.linked) and the navigation's count of requests returned to the
    # lead; on the own team's page two more: the requests waiting for the lead and the open
    # requests for help.
    with django_assert_num_queries(queries):
        client.get(reverse("team-detail", kwargs={"number": 5}))


def test_team_list(document_rows, client_as):
    response = client_as(roles.case_owner(roles.DORDRECHT)).get(reverse("team-list"))
    table = table_with_caption(response, "")
    assert [row[0] for row in table["rows"][1:]] == [
        str(team) for team in document_rows.teams.order_by("number")
    ]
    assert BudgetLine.objects.filter(team__number=5, amount=Decimal("55000")).exists()


def test_team_list_query_count(one_of_each, client_as, django_assert_num_queries):
    client = client_as(roles.DIRECTOR)
    with django_assert_num_queries(7):  # session, user, roles, programme, teams, leads, lines
        client.get(reverse("team-list"))


def test_partner_rows_show_on_their_team_only(one_of_each, client_as):
    html = client_as(roles.DIRECTOR).get(reverse("team-detail", kwargs={"number": 4})).content
    assert b"Test programme" not in html
    assert RelatedProgramme.objects.filter(name="Test programme").count() == 1


def test_planning_keeps_the_plans_words_next_to_the_range(document_rows, client_as):
    response = client_as(roles.team_lead(1)).get(reverse("team-detail", kwargs={"number": 1}))
    table = table_with_caption(
        response, dutch("Activities of %(code)s, in the order of the plan") % {"code": "OT1"}
    )
    estimates = [row[3] for row in table["rows"][1:]]
    assert any("ca. 50-60k" in cell and "€ 50.000 – € 60.000" in cell for cell in estimates)
    doubtful = next(cell for cell in estimates if "40-50k?" in cell)
    assert "€ 40.000 – € 50.000" in doubtful and dutch("in doubt (?)") in doubtful
    assert any(dutch("to be decided") in cell for cell in estimates)


def _team_page(client_as, username: str, number: int = 1) -> str:
    """The team page's planning section, in English (the words of the new texts)."""
    client = client_as(username)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("team-detail", args=[number])).content.decode()
    return html.split('id="planning"')[1].split("</section>")[0]


def test_the_team_page_shows_who_changed_the_planning_last_and_when(client_as):
    activity = Activity.objects.filter(team__number=1).order_by("order").first()
    lead = User.objects.get(username=roles.team_lead(1))
    data = ActivityInput(
        **{
            item.name: getattr(activity, item.name)
            for item in dataclasses.fields(ActivityInput)
            if item.name != "cases"
        },
        cases=list(activity.cases.all()),
    )
    activity_update(activity=activity, by=lead, data=dataclasses.replace(data, title="Nieuw"))
    with translation.override("en"):
        today = formats.date_format(timezone.localdate(), "j F Y")
    planning = _team_page(client_as, roles.DIRECTOR)
    assert f"Planning last changed on {today} by {lead.display_name}" in planning
    # Another team's page names its own last change, not this one.
    other = _team_page(client_as, roles.DIRECTOR, 2)
    assert lead.display_name not in other
    assert "as loaded from the plan" in other


def test_the_core_team_is_warned_of_a_planning_not_changed_in_six_weeks(client_as):
    Activity.history.filter(team__number=1).update(
        history_date=timezone.now() - datetime.timedelta(weeks=7)
    )
    warning = "This team has not changed its planning in six weeks."
    core = _team_page(client_as, roles.CORE_TEAM)
    assert warning in core
    assert "(not changed in six weeks)" in core
    # Only the core team is warned; a fresh planning warns nobody.
    assert warning not in _team_page(client_as, roles.DIRECTOR)
    assert warning not in _team_page(client_as, roles.team_lead(1))
    Activity.history.filter(team__number=1).update(history_date=timezone.now())
    assert warning not in _team_page(client_as, roles.CORE_TEAM)
