"""The overview shows a few upcoming and recent events and the latest decisions, with
links to the whole lists; the event list and the decision list page at 50 rows."""

import datetime

import pytest
from django.urls import reverse

from events.models import DatePrecision, Event, EventKind
from tests import roles
from tests.pages.helpers import dutch, table_with_caption
from tests.pages.paging import grow, next_url, queries_of, reachable

PAGE_SIZE = 50
OVERVIEW_ROWS = 5


def _rows(response, caption: str) -> list[list[str]]:
    return table_with_caption(response, dutch(caption))["rows"][1:]


def test_the_overview_runs_the_same_queries_at_two_sizes(one_of_each, client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse("overview"))
    small, _response = queries_of(client, reverse("overview"))
    grow(one_of_each)
    large, response = queries_of(client, reverse("overview"))
    assert small == large <= 25
    assert len(_rows(response, "Upcoming events, the soonest first")) == OVERVIEW_ROWS
    assert len(_rows(response, "Recent events, the latest first")) == OVERVIEW_ROWS
    assert len(_rows(response, "Decisions of the core team, newest first")) == OVERVIEW_ROWS


def test_the_overview_shows_the_soonest_and_the_latest_and_links_the_rest(one_of_each, client_as):
    grown = grow(one_of_each)
    client = client_as(roles.DIRECTOR)
    response = client.get(reverse("overview"))
    today = datetime.date.today()
    upcoming = sorted(
        (e for e in grown["events"] if e.date >= today), key=lambda e: (e.date, e.title)
    )
    past = sorted((e for e in grown["events"] if e.date < today), key=lambda e: e.date)
    shown_upcoming = [row[2] for row in _rows(response, "Upcoming events, the soonest first")]
    assert shown_upcoming == [e.title for e in upcoming[:OVERVIEW_ROWS]]
    shown_past = [row[2] for row in _rows(response, "Recent events, the latest first")]
    assert shown_past == [e.title for e in reversed(past[-OVERVIEW_ROWS:])]
    html = response.content.decode()
    assert f'<a href="{reverse("event-list")}">{dutch("All events")}</a>' in html
    assert f'<a href="{reverse("decision-list")}">{dutch("All decisions")}</a>' in html
    # What the overview leaves out is on the lists.
    oldest_event = past[0].title
    assert oldest_event not in html
    assert reachable(client, reverse("event-list"), oldest_event)
    assert "Groei-besluit 059" not in html
    assert reachable(client, reverse("decision-list"), "Groei-besluit 059")


def test_a_month_event_stays_upcoming_for_its_whole_month(one_of_each, client_as):
    today = datetime.date.today()
    if today.day == 1:
        pytest.skip("on the first of the month the month's 1st is today itself")
    Event.objects.create(
        programme=one_of_each,
        slug="deze-maand",
        kind=EventKind.ATELIER,
        title="Atelier deze maand",
        date=today.replace(day=1),
        date_precision=DatePrecision.MONTH,
    )
    response = client_as(roles.DIRECTOR).get(reverse("overview"))
    upcoming = [row[2] for row in _rows(response, "Upcoming events, the soonest first")]
    assert upcoming[0] == "Atelier deze maand"


# -- the event list ------------------------------------------------------------------------

EVENTS_CAPTION = "Events of the programme, the latest first"


def test_the_event_list_runs_the_same_queries_at_two_sizes(one_of_each, client_as):
    client = client_as(roles.case_owner(roles.DORDRECHT))
    client.get(reverse("event-list"))
    small, _response = queries_of(client, reverse("event-list"))
    grow(one_of_each)
    large, response = queries_of(client, reverse("event-list"))
    assert small == large <= 25
    assert len(_rows(response, EVENTS_CAPTION)) == PAGE_SIZE
    second = client.get(next_url(response))
    assert 0 < len(_rows(second, EVENTS_CAPTION)) <= PAGE_SIZE


def test_the_event_list_filters_by_team_and_kind_and_searches(one_of_each, client_as):
    grow(one_of_each)
    client = client_as(roles.DIRECTOR)

    def titles(**params):
        response = client.get(reverse("event-list"), params)
        return [row[2] for row in _rows(response, EVENTS_CAPTION)]

    assert titles(search="groei-evenement 00") == [
        f"Groei-evenement 00{i}" for i in range(9, -1, -1)
    ]
    atelier = dutch("Atelier")
    only_ateliers = client.get(reverse("event-list"), {"kind": EventKind.ATELIER, "team": 5})
    kinds = {row[1] for row in _rows(only_ateliers, EVENTS_CAPTION)}
    assert kinds == {atelier}
    # The grown events are OT5's: OT1 has none with these words.
    html = client.get(reverse("event-list"), {"team": 1, "search": "groei"}).content.decode()
    assert dutch("No events match this filter.") in html
    assert '<label for="id_kind">' in html


def test_the_event_list_has_edit_links_for_the_core_team_only(one_of_each, client_as):
    edit = reverse("event-edit", args=["test-event"])
    assert edit in client_as(roles.CORE_TEAM).get(reverse("event-list")).content.decode()
    assert edit not in client_as(roles.DIRECTOR).get(reverse("event-list")).content.decode()


def test_anonymous_visitors_of_the_event_list_go_to_the_login_page(client, db):
    response = client.get(reverse("event-list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# -- the decision list ---------------------------------------------------------------------


def test_the_decision_list_pages_at_the_same_queries_at_two_sizes(one_of_each, client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse("decision-list"))
    small, _response = queries_of(client, reverse("decision-list"))
    grow(one_of_each)
    large, response = queries_of(client, reverse("decision-list"))
    assert small == large <= 25
    assert len(_rows(response, "Decisions of the core team, newest first")) == PAGE_SIZE
    assert reachable(client, reverse("decision-list"), "Test decision")


@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc", "\x00"])
@pytest.mark.parametrize("name", ["event-list", "decision-list"])
def test_a_bad_page_number_never_breaks_a_list(one_of_each, client_as, name, page):
    response = client_as(roles.DIRECTOR).get(reverse(name), {"page": page})
    assert response.status_code == 200
