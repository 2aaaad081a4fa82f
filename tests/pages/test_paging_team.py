"""The team page shows the first rows of each group with a link to the whole list, at a
fixed number of queries; the team's activities and the partner list page at 50 rows."""

import pytest
from django.urls import reverse

from tests import roles
from tests.pages.helpers import dutch, tables_in
from tests.pages.paging import (
    body_rows,
    dutch_count,
    grow,
    next_url,
    queries_of,
    reachable,
)

GROUP_SIZE = 10
PAGE_SIZE = 50
# The team page: its groups, the budget and case tables and their differences, its
# upcoming workshops, the estimates against the lines and the readings of the plan (the
# planning's last change is read with the team); the recent changes have a page of their
# own (team-changes).
TEAM_PAGE_QUERIES = 21


def _team_url(number: int = 5) -> str:
    return reverse("team-detail", kwargs={"number": number})


# A team lead's four extra are those of test_team_page_query_count_for_team_leads.
@pytest.mark.parametrize(("username", "extra"), [(roles.DIRECTOR, 0), (roles.team_lead(5), 4)])
def test_the_team_page_runs_the_same_queries_at_two_sizes(one_of_each, client_as, username, extra):
    client = client_as(username)
    client.get(_team_url())
    small, _response = queries_of(client, _team_url())
    grow(one_of_each)
    large, response = queries_of(client, _team_url())
    assert small == large == TEAM_PAGE_QUERIES + extra
    caption = dutch("Activities of %(code)s, in the order of the plan") % {"code": "OT5"}
    assert len(body_rows(response, caption)) == GROUP_SIZE


def test_the_team_page_links_every_group_to_its_whole_list(one_of_each, client_as):
    grown = grow(one_of_each)
    client = client_as(roles.DIRECTOR)
    html = client.get(_team_url()).content.decode()
    team = grown["team"]
    activities = team.activities.count()
    links = {
        "activities": (
            reverse("team-activities", kwargs={"number": 5}),
            (
                "Show all %(counter)s activity of %(code)s",
                "Show all %(counter)s activities of %(code)s",
            ),
            activities,
        ),
        "partners": (
            f"{reverse('partner-list')}?team=5",
            (
                "Show all %(counter)s related programme of %(code)s",
                "Show all %(counter)s related programmes of %(code)s",
            ),
            team.related_programmes.count(),
        ),
        "events": (
            f"{reverse('event-list')}?team=5",
            ("Show all %(counter)s event of %(code)s", "Show all %(counter)s events of %(code)s"),
            team.events.count(),
        ),
        "cases": (
            f"{reverse('case-list')}?team=5",
            ("Show all %(counter)s case of %(code)s", "Show all %(counter)s cases of %(code)s"),
            team.listed_cases.count() + team.cases.exclude(lead_team=team).count(),
        ),
    }
    for href, (singular, plural), count in links.values():
        text = dutch_count(singular, plural, count, code="OT5")
        assert f'<a href="{href}">{text}</a>' in html
    # Only the first rows of each group: the last grown ones are on the lists only.
    for kind, title in [
        ("activities", "Groei-activiteit 059"),
        ("partners", "Groei-programma 059"),
        ("cases", "Groei-casus 059"),
        ("cases", "Meewerk-casus 059"),
    ]:
        assert title not in html
        href = links[kind][0]
        assert reachable(client, href.split("?")[0], title, _params(href)), (kind, title)


def _params(href: str) -> dict:
    return dict(part.split("=") for part in href.split("?")[1:2] for part in part.split("&"))


def test_the_case_total_on_the_team_page_is_over_the_whole_table(one_of_each, client_as):
    grow(one_of_each)
    html = client_as(roles.DIRECTOR).get(_team_url()).content.decode()
    total = dutch_count(
        "Total of all %(counter)s case in the table",
        "Total of all %(counter)s cases in the table",
        one_of_each.teams.get(number=5).listed_cases.count(),
    )
    assert total in html
    # The seed's OT5 table (40.000 in 2021) plus 60 grown cases of 1.000 in 2021.
    assert "€ 100.000" in html


def test_a_group_of_ten_or_fewer_rows_has_no_show_all_link(one_of_each, client_as):
    team = one_of_each.teams.get(number=5)
    team.activities.filter(order__gt=10).delete()
    html = client_as(roles.DIRECTOR).get(_team_url()).content.decode()
    # The whole list without a filter (the estimates link to parts of it).
    show_all = f'href="{reverse("team-activities", kwargs={"number": 5})}"'
    assert show_all not in html
    grow(one_of_each)
    html = client_as(roles.DIRECTOR).get(_team_url()).content.decode()
    assert show_all in html


@pytest.mark.parametrize(("username", "edits"), [(roles.team_lead(5), True), ("trekker1", False)])
def test_edit_links_follow_the_rule_asked_once_for_the_team(
    one_of_each, client_as, username, edits
):
    grown = grow(one_of_each)
    html = client_as(username).get(_team_url()).content.decode()
    first = grown["activities"][0]
    assert (reverse("activity-edit", args=[first.pk]) in html) is False  # not on the page
    activity = one_of_each.teams.get(number=5).activities.order_by("order").first()
    assert (reverse("activity-edit", args=[activity.pk]) in html) is edits
    programme = one_of_each.teams.get(number=5).related_programmes.order_by("order").first()
    assert (reverse("related-programme-edit", args=[programme.pk]) in html) is edits


# -- the team's activities ---------------------------------------------------------------


def test_the_activity_list_pages_searches_and_filters(one_of_each, client_as):
    grow(one_of_each)
    client = client_as(roles.DIRECTOR)
    url = reverse("team-activities", kwargs={"number": 5})
    caption = dutch("Activities of %(code)s, in the order of the plan") % {"code": "OT5"}
    small, first = queries_of(client, url)
    assert len(body_rows(first, caption)) == PAGE_SIZE
    assert "Groei-activiteit 059" not in first.content.decode()
    second = client.get(next_url(first))
    assert "Groei-activiteit 059" in second.content.decode()
    assert next_url(second) is None

    found = client.get(url, {"search": "activiteit 05"})
    titles = [row[1] for row in body_rows(found, caption)]
    assert len(titles) == 10 and all("Groei-activiteit 05" in title for title in titles)
    done = client.get(url, {"status": "done"})
    assert dutch("No activities match this filter.") in done.content.decode()


def test_the_activity_list_runs_the_same_queries_at_two_sizes(one_of_each, client_as):
    client = client_as(roles.team_lead(5))
    url = reverse("team-activities", kwargs={"number": 5})
    client.get(url)
    small, _response = queries_of(client, url)
    grow(one_of_each)
    large, _response = queries_of(client, url)
    assert small == large <= 25


def test_an_unknown_team_has_no_activity_list(one_of_each, client_as):
    response = client_as(roles.DIRECTOR).get(reverse("team-activities", kwargs={"number": 99}))
    assert response.status_code == 404


# -- the partner list ----------------------------------------------------------------------


def test_the_partner_list_pages_at_the_same_queries_at_two_sizes(one_of_each, client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse("partner-list"))
    small, _response = queries_of(client, reverse("partner-list"))
    grow(one_of_each)
    large, response = queries_of(client, reverse("partner-list"))
    assert small == large <= 25
    rows = sum(len(table["rows"]) - 1 for table in tables_in(response))
    assert rows == PAGE_SIZE
    assert reachable(client, reverse("partner-list"), "Groei-programma 059")


def test_the_partner_list_searches_name_subject_and_partner(one_of_each, client_as):
    grow(one_of_each)
    client = client_as(roles.CORE_TEAM)
    html = client.get(reverse("partner-list"), {"search": "groei-programma 05"}).content.decode()
    assert html.count('<th scope="row">Groei-programma 05') == 10
    assert "Test programme" not in html
    by_partner = client.get(reverse("partner-list"), {"search": "test organisation"})
    assert "Test programme" in by_partner.content.decode()
    none = client.get(reverse("partner-list"), {"search": "zzz", "team": 5})
    assert dutch("No related programmes match this filter.") in none.content.decode()


@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc", "\x00"])
@pytest.mark.parametrize("name", ["partner-list", "team-activities"])
def test_a_bad_page_number_never_breaks_a_list(one_of_each, client_as, name, page):
    kwargs = {"number": 5} if name == "team-activities" else {}
    response = client_as(roles.DIRECTOR).get(reverse(name, kwargs=kwargs), {"page": page})
    assert response.status_code == 200
