"""The programme overview: the two budget tables as the document has them, and what is open."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests import roles
from tests.pages.helpers import dutch, table_with_caption

SHORT_NAMES = [
    "1: Beleid & opgaven",
    "2: Stedelijk programmeren",
    "3: Uitvoering",
    "4: Investeren en businesscases",
    "5: Datagedreven sturen",
    "6: Harmonisatie regelgeving",
]


@pytest.mark.django_db
def test_director_sees_both_totals_from_the_seed(client_as):
    """Tied to the seed: the document's totals, summed in the database, Dutch-formatted."""
    response = client_as(roles.DIRECTOR).get(reverse("overview"))
    table_2021 = table_with_caption(response, "Activiteiten 2021")
    table_2223 = table_with_caption(response, "Doorkijk 2022 - 2023")
    assert table_2021["rows"][-1][:2] == [dutch("Total"), "€ 150.000"]
    assert table_2223["rows"][-1][1] == "€ 1.360.000"


def test_budget_tables_list_six_rows_in_team_order(document_rows, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("overview"))
    for caption, amounts in (
        ("Activiteiten 2021", ["€ 50.000", "€ 0", "€ 5.000", "€ 40.000", "€ 55.000", "€ 0"]),
        (
            "Doorkijk 2022 - 2023",
            ["€ 450.000", "€ 100.000", "€ 75.000", "€ 100.000", "€ 320.000", "€ 315.000"],
        ),
    ):
        body = table_with_caption(response, caption)["rows"][1:-1]  # without head and foot
        assert [row[0] for row in body] == SHORT_NAMES
        assert [row[1] for row in body] == amounts


def test_main_activities_keep_their_line_breaks(document_rows, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("overview"))
    body = table_with_caption(response, "Activiteiten 2021")["rows"][1:-1]
    ot2 = body[1][2]
    assert "\n" in ot2 and ot2.startswith("-")


def test_budget_space_and_difference_next_to_the_outlook(document_rows, client_as):
    html = client_as(roles.DIRECTOR).get(reverse("overview")).content.decode()
    space = html[html.index('class="budget-space"', html.index("Doorkijk 2022 - 2023")) :]
    space = space[: space.index("</div>")]
    # 400.000-500.000 per year, 800.000-1.000.000 for the two years.
    assert space.count("€ 400.000 – € 500.000") == 2
    assert "€ 800.000 – € 1.000.000" in space
    # 1.360.000 minus the space: 360.000 above the top, 560.000 above the bottom.
    assert "€ 360.000 – € 560.000" in space
    assert "flag-warning" in space
    # The 2021 surplus carries over into 2022.
    carry = dutch("The surplus of %(year)s carries over into %(next)s.")
    assert carry % {"year": 2021, "next": 2022} in space


def test_open_points_are_counted(document_rows, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("overview"))
    table = table_with_caption(response, dutch("Open points per team"))
    assert len(table["rows"]) == 1 + 6 + 1  # head, six teams, totals


def test_overview_shows_the_ot5_difference(document_rows, client_as):
    html = client_as(roles.DIRECTOR).get(reverse("overview")).content.decode()
    assert "€ -15.000" in html


def test_overview_query_count_is_fixed(one_of_each, client_as, django_assert_num_queries):
    client = client_as(roles.DIRECTOR)
    # session, user, the user's roles (navigation), programme, budget periods with
    # totals and lines, budget space, open points, case costs, periods, lines, teams
    # (differences), upcoming and past events and their teams, decisions with budget lines,
    # the readings of the plan.
    with django_assert_num_queries(18):
        response = client.get(reverse("overview"))
    assert response.status_code == 200


@pytest.mark.parametrize("language", ["nl", "en"])
def test_amount_links_are_named_by_the_amount_they_show(document_rows, client_as, language):
    """Speech users say what they see: a link showing "€ 50.000" must be called that first."""
    client = client_as(roles.DIRECTOR)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = client.get(reverse("overview")).content.decode()
    links = re.findall(r'<a href="/[^"]*budget[^"]*" aria-label="([^"]*)">(€[^<]*)</a>', html)
    assert len(links) == 12  # the document's six lines for 2021 and six for 2022-2023
    for name, shown in links:
        assert name.startswith(shown + ", "), (name, shown)
        assert name != shown  # the line itself is still named after the amount
    with translation.override(language):
        line_word = translation.gettext("Budget line %(line)s") % {"line": ""}
    assert all(line_word.strip() in name for name, _ in links)


@pytest.mark.django_db
def test_page_messages_sit_in_a_status_region_that_keeps_the_list(rf):
    """role=status on the <ul> itself would hide its items from screen readers as a list."""
    request = rf.get("/")
    request.user = AnonymousUser()
    request.session = {}
    storage = FallbackStorage(request)
    request._messages = storage
    messages.success(request, "Saved.")
    html = render_to_string("base.html", request=request)
    region = re.search(r'<div role="status">\s*<ul class="messages">\s*<li[^>]*>Saved\.</li>', html)
    assert region is not None, html[html.index("<main") :][:400]
    assert not re.search(r'<ul[^>]*role="status"', html)
