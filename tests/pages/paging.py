"""Helpers for the paging tests: the rows of a page's table, and its page links."""

import re
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages.helpers import dutch, table_with_caption

NEXT_LINK = re.compile(r'<a href="([^"]*)" rel="next">')


def body_rows(response, caption: str) -> list[list[str]]:
    """The rows of the table with this caption, without its head (and foot, if it has one)."""
    rows = table_with_caption(response, caption)["rows"][1:]
    return rows


def next_url(response) -> str | None:
    """The URL of the "next page" link of the page's pagination, if there is one."""
    html = response.content.decode()
    if dutch("Next page") not in html:
        return None
    match = NEXT_LINK.search(html)
    assert match, "a next-page text without a rel=next link"
    href = unescape(match.group(1))
    return response.wsgi_request.path + href if href.startswith("?") else href


def queries_of(client, url: str, params: dict | None = None) -> tuple[int, object]:
    """How many queries a GET of ``url`` runs, and its response."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries), response


def reachable(client, url: str, text: str, params: dict | None = None, *, pages: int = 20):
    """The first page of the list at ``url`` (with ``params``) that shows ``text``,
    following the next-page links; None when no page does."""
    response = client.get(url, params or {})
    for _ in range(pages):
        assert response.status_code == 200
        if text in response.content.decode():
            return response
        following = next_url(response)
        if following is None:
            return None
        response = client.get(following)
    return None


def grow(programme, *, n: int = 60, team_number: int = 5) -> dict:
    """``n`` more rows of every kind a list page shows, for one team of ``programme``, made
    in bulk: activities, related programmes, events (half upcoming, half past), cases in
    the team's table (with costs) and cases it only works on, and decisions. The titles
    are numbered (``Groei-activiteit 000`` ..) so a test can look for the last one."""
    import datetime
    from decimal import Decimal

    from activities.models import Activity
    from budgets.models import Decision
    from cases.models import Case, CaseCost
    from events.models import Event, EventKind
    from partners.models import RelatedProgramme

    team = programme.teams.get(number=team_number)
    today = datetime.date.today()
    activities = Activity.objects.bulk_create(
        Activity(team=team, order=1000 + i, title=f"Groei-activiteit {i:03d}") for i in range(n)
    )
    programmes = RelatedProgramme.objects.bulk_create(
        RelatedProgramme(team=team, order=1000 + i, name=f"Groei-programma {i:03d}")
        for i in range(n)
    )
    events = Event.objects.bulk_create(
        Event(
            programme=programme,
            slug=f"groei-{i:03d}",
            kind=EventKind.WORKSHOP if i % 2 else EventKind.ATELIER,
            title=f"Groei-evenement {i:03d}",
            date=today + datetime.timedelta(days=(i - n // 2) * 3 or 1),
        )
        for i in range(n)
    )
    Event.teams.through.objects.bulk_create(
        Event.teams.through(event=event, team=team) for event in events
    )
    own = Case.objects.bulk_create(
        Case(
            programme=programme,
            slug=f"groei-casus-{i:03d}",
            title=f"Groei-casus {i:03d}",
            lead_team=team,
            table_number=1000 + i,
        )
        for i in range(n)
    )
    CaseCost.objects.bulk_create(
        CaseCost(case=case, year=year, amount=Decimal("1000.00"))
        for case in own
        for year in (2021, 2022)
    )
    involved = Case.objects.bulk_create(
        Case(programme=programme, slug=f"groei-mee-{i:03d}", title=f"Meewerk-casus {i:03d}")
        for i in range(n)
    )
    Case.teams.through.objects.bulk_create(
        Case.teams.through(case=case, team=team) for case in involved
    )
    decisions = Decision.objects.bulk_create(
        Decision(
            programme=programme,
            date=today - datetime.timedelta(days=i + 1),
            reference=f"groei-besluit-{i:03d}",
            meeting="Kernteam",
            text=f"Groei-besluit {i:03d}",
        )
        for i in range(n)
    )
    return {
        "team": team,
        "activities": activities,
        "related_programmes": programmes,
        "events": events,
        "own_cases": own,
        "involved_cases": involved,
        "decisions": decisions,
    }


def dutch_count(singular: str, plural: str, count: int, **values) -> str:
    """What users see for a counted English source string, filled in."""
    from django.utils import translation

    with translation.override("nl"):
        return translation.ngettext(singular, plural, count) % {"counter": count, **values}
