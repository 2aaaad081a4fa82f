"""Every page that shows a value the portal read into the plan marks it, in words, with
the plan's own words beside it; a value the plan states itself carries no mark. Each
page reads its readings in one query, however many rows it shows."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from citydeal.plan_readings import CASE_COST_COLUMNS, KERNTEAM_14_OKTOBER
from tests import roles
from tests.pages.helpers import dutch

pytestmark = pytest.mark.django_db

TOWNS_OF_CASE_9 = "diverse casussen, w.o. Groningen, Den Haag, Purmerend, Beemster en Leiden"
WALLENGEBIED_ROW = "Workshop – cases Amsterdam Integraal Gebiedsplan Het Wallengebied – vervanging"
ALGORITHMS = "Nu wordt een initiatief gestart over ontwerpen met algoritmen"


def mark() -> str:
    return dutch("portal's reading")


def page(client_as, username: str, url: str) -> tuple[str, int]:
    """The page's text (entities resolved) and how many of its queries read readings."""
    client = client_as(username)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reading_queries = sum('"citydeal_reading"' in query["sql"] for query in queries)
    return html.unescape(response.content.decode()), reading_queries


def case_url(slug: str) -> str:
    return reverse("case-detail", args=[slug])


def test_case_9_shows_the_towns_and_the_cost_years_as_readings(client_as):
    text, reading_queries = page(
        client_as, roles.DIRECTOR, case_url("onvoorzien-overige-cdor-casussen")
    )
    # The towns, the cost years, and the link of OT5's planning row 9 to the case.
    assert text.count(f">{mark()}<") == 3
    assert TOWNS_OF_CASE_9 in text
    assert "Apeldoorn en Tilburg staan niet in de casustabel" in text
    assert CASE_COST_COLUMNS in text
    assert "Het portaal koppelt haar aan casus 9 van OT5" in text
    assert reading_queries == 1


def test_a_case_of_which_the_plan_gives_all_but_the_cost_years_has_one_mark(client_as):
    text, _queries = page(client_as, roles.DIRECTOR, case_url("landelijke-wijktypenkaart"))
    assert text.count(f">{mark()}<") == 1
    assert CASE_COST_COLUMNS in text


def test_the_case_made_from_a_planning_row_says_so_under_its_title(client_as):
    text, _queries = page(client_as, roles.DIRECTOR, case_url("integraal-gebiedsplan-wallengebied"))
    heading = text.index("<h1>")
    assert text.index(mark(), heading) < text.index("<dl", heading)
    assert WALLENGEBIED_ROW in text
    assert CASE_COST_COLUMNS not in text  # no costs, so no reading of their years


def test_the_case_list_marks_the_towns_and_names_the_cost_years_once(client_as):
    text, reading_queries = page(client_as, roles.DIRECTOR, reverse("case-list"))
    assert TOWNS_OF_CASE_9 in text
    assert WALLENGEBIED_ROW in text
    assert text.count(CASE_COST_COLUMNS) == 1
    assert reading_queries == 1


def test_ot1s_page_marks_its_link_to_the_algorithms_case(client_as):
    text, reading_queries = page(client_as, roles.team_lead(1), reverse("team-detail", args=[1]))
    # On the activity of goal B and on the case among the other cases OT1 works on.
    assert ALGORITHMS in text
    assert "De casustabel van OT5 noemt geen ander team bij deze casus" in text
    assert reading_queries == 1


def test_ot5s_page_names_the_cost_years_by_its_case_table_and_its_differences(client_as):
    text, reading_queries = page(client_as, roles.DIRECTOR, reverse("team-detail", args=[5]))
    assert text.count(CASE_COST_COLUMNS) == 2
    assert reading_queries == 1


def test_the_overview_names_the_cost_years_and_the_year_of_14_october(client_as):
    text, reading_queries = page(client_as, roles.DIRECTOR, reverse("overview"))
    assert CASE_COST_COLUMNS in text  # beside the differences of the case table
    assert KERNTEAM_14_OKTOBER in text  # beside the decisions' date
    assert reading_queries == 1


def test_the_events_list_marks_the_year_of_14_october_and_the_workshop_places(client_as):
    text, reading_queries = page(client_as, roles.DIRECTOR, reverse("event-list"))
    assert KERNTEAM_14_OKTOBER in text
    assert "Het plan noemt geen jaar. Het portaal leest 14 oktober 2021" in text
    assert "Het plan noemt geen plaats voor deze workshop" in text
    assert "Het directeurenoverleg krijgt van ons op 24 maart" in text
    assert reading_queries == 1


def test_the_decision_list_marks_the_date_and_the_budget_lines(client_as):
    text, reading_queries = page(client_as, roles.CORE_TEAM, reverse("decision-list"))
    assert KERNTEAM_14_OKTOBER in text
    assert "Het portaal verbindt het besluit met de vier regels van 2021" in text
    assert reading_queries == 1


def test_the_activity_pages_mark_what_the_portal_read(client_as):
    activity = Activity.objects.get(team__number=4, order=2)
    text, _queries = page(client_as, roles.DIRECTOR, reverse("activity-detail", args=[activity.pk]))
    assert "Het portaal leest 'eind 2021' als vanaf oktober 2021" in text
    text, reading_queries = page(client_as, roles.DIRECTOR, reverse("team-activities", args=[1]))
    assert ALGORITHMS in text
    assert reading_queries == 1


def test_a_value_the_plan_states_itself_has_no_mark(client_as):
    activity = Activity.objects.get(team__number=6, order=1)
    text, _queries = page(client_as, roles.DIRECTOR, reverse("activity-detail", args=[activity.pk]))
    assert mark() not in text


def test_the_mark_is_text_in_a_details_element_that_needs_no_script(client_as):
    text, _queries = page(client_as, roles.DIRECTOR, case_url("onvoorzien-overige-cdor-casussen"))
    start = text.index('<details class="reading">')
    details = text[start : text.index("</details>", start)]
    assert f'<summary><span class="reading-mark">{mark()}</span></summary>' in details
    assert '<q lang="nl">' in details
