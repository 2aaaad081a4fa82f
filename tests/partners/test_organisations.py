"""The organisations of the partner network: one line each with the teams it works with
("Deltares werkt met OT1, OT3 en OT5"), paged; and an organisation's own page."""

import pytest
from django.urls import reverse

from partners.models import Contact, Organisation, RelatedProgramme
from tests import roles
from tests.pages.helpers import dutch
from tests.pages.paging import next_url, queries_of, reachable
from tests.partners.helpers import main_text, organisation

pytestmark = pytest.mark.django_db

LIST = "organisation-list"


def _detail(name: str) -> str:
    return reverse("organisation-detail", kwargs={"pk": organisation(name).pk})


def _works_with(name: str, teams: str) -> str:
    return dutch("%(organisation)s works with %(teams)s") % {"organisation": name, "teams": teams}


def test_each_organisation_reads_as_the_teams_it_works_with(client_as):
    text = main_text(client_as(roles.DIRECTOR).get(reverse(LIST)))
    # Deltares: knowledge partner in OT1 and OT3, and OT5 through its contact Marco
    # Hoogvliet (on COB's Digital Twin row).
    assert "Deltares werkt met OT1, OT3 en OT5" in text
    assert "COB werkt met OT1, OT3, OT5 en OT6" in text
    assert "VNG werkt met OT5 en OT6" in text
    assert "Geonovum werkt met OT5" in text


def test_the_line_links_the_organisation_and_each_team(client_as):
    html = client_as(roles.DIRECTOR).get(reverse(LIST)).content.decode()
    teams = ", ".join(f'<a href="/teams/{number}/">OT{number}</a>' for number in (1, 3))
    line = f'<a href="{_detail("Deltares")}">Deltares</a> werkt met {teams} en '
    assert line + '<a href="/teams/5/">OT5</a>' in html


def test_a_team_through_a_contact_counts_only_while_the_contact_is_named(client_as):
    client = client_as(roles.DIRECTOR)
    Contact.objects.get(name="Marco Hoogvliet").related_programmes.clear()
    text = main_text(client.get(reverse(LIST), {"search": "deltares"}))
    assert "Deltares werkt met OT1 en OT3" in text
    assert "OT5" not in text


def test_an_organisation_without_teams_says_so(client_as):
    Organisation.objects.create(name="Stichting Zonder Team")
    text = main_text(client_as(roles.DIRECTOR).get(reverse(LIST), {"search": "zonder team"}))
    assert (
        dutch("%(organisation)s works with no team yet") % {"organisation": "Stichting Zonder Team"}
        in text
    )
    assert "Deltares" not in text


def test_the_list_searches_names_in_the_database(client_as):
    client = client_as(roles.DIRECTOR)
    text = main_text(client.get(reverse(LIST), {"search": "DELTA"}))
    assert "Deltares werkt met" in text
    assert "COB werkt met" not in text
    none = main_text(client.get(reverse(LIST), {"search": "%"}))
    assert dutch("No organisations match this filter.") in none


def test_the_list_pages_by_fifty_at_the_same_queries(client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse(LIST))
    small, _response = queries_of(client, reverse(LIST))
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Zz-organisatie {i:03d}") for i in range(60)
    )
    team = RelatedProgramme.objects.filter(team__number=4).first().team
    RelatedProgramme.objects.bulk_create(
        RelatedProgramme(team=team, order=2000 + i, name=f"Traject {i}", knowledge_partner=o)
        for i, o in enumerate(organisations)
    )
    large, response = queries_of(client, reverse(LIST))
    assert small == large
    assert response.content.decode().count(" werkt met ") == 50
    following = next_url(response)
    assert following is not None
    last = reachable(client, reverse(LIST), "Zz-organisatie 059")
    assert _works_with("Zz-organisatie 059", "OT4") in main_text(last)


@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc", "\x00"])
def test_a_bad_page_number_never_breaks_the_list(client_as, page):
    assert client_as(roles.DIRECTOR).get(reverse(LIST), {"page": page}).status_code == 200


def test_the_organisation_page_shows_teams_programmes_and_contacts(client_as):
    response = client_as(roles.team_lead(5)).get(_detail("Deltares"))
    html, text = response.content.decode(), main_text(response)
    assert "<h1>Deltares</h1>" in html
    assert "Deltares werkt met OT1, OT3 en OT5" in text
    for number in (1, 3, 5):
        assert f'href="{reverse("team-detail", kwargs={"number": number})}"' in html
    rows = RelatedProgramme.objects.filter(team__programme__slug="cdor").filter(
        name__in=["MOOI-regeling", "Samen werken aan water en klimaat"]
    )
    for row in rows:
        assert f'href="{reverse("related-programme-detail", kwargs={"pk": row.pk})}"' in html
    assert "MOOI-regeling (OT3) — als kennispartner" in text
    assert "(OT5) — via haar contactpersoon Marco Hoogvliet" in text
    # Its contact, and the surname-only contacts the plan names on its rows.
    for name in ("Marco Hoogvliet", "Maring", "Rutger van der Brugge"):
        assert name in text
    assert "Rutger van der Brugge Contactpersoon voor Samen werken aan water en klimaat" in text
    # Not the contacts of other organisations.
    assert "Gijsbert Schuur" not in text


def test_a_contact_e_mail_is_a_mailto_link(client_as):
    html = client_as(roles.DIRECTOR).get(_detail("COB")).content.decode()
    assert '<a href="mailto:gijsbert.schuur@cob.nl">gijsbert.schuur@cob.nl</a>' in html


def test_an_unknown_organisation_is_404(client_as):
    missing = (Organisation.objects.order_by("-pk").first().pk or 0) + 1
    response = client_as(roles.DIRECTOR).get(reverse("organisation-detail", kwargs={"pk": missing}))
    assert response.status_code == 404


def test_the_partner_pages_link_to_the_organisation_pages(client_as):
    client = client_as(roles.DIRECTOR)
    deltares = _detail("Deltares")
    assert f'href="{deltares}"' in client.get(reverse("partner-list")).content.decode()
    row = RelatedProgramme.objects.get(team__number=3, name="MOOI-regeling")
    page = client.get(reverse("related-programme-detail", kwargs={"pk": row.pk}))
    assert f'href="{deltares}"' in page.content.decode()
    # A contact of another organisation than the row's partner links to theirs.
    digital_twin = RelatedProgramme.objects.get(
        team__number=5, knowledge_partner__name="COB", contacts__name="Marco Hoogvliet"
    )
    page = client.get(reverse("related-programme-detail", kwargs={"pk": digital_twin.pk}))
    assert f'(<a href="{deltares}">Deltares</a>)' in page.content.decode()


@pytest.mark.parametrize("name", ["partner-list", LIST, "partner-search"])
def test_the_partner_pages_link_each_other_and_mark_the_section(client_as, name):
    html = client_as(roles.DIRECTOR).get(reverse(name)).content.decode()
    nav = html[html.index('aria-label="Partnernetwerk"') :]
    nav = nav[: nav.index("</nav>")]
    for other in ("partner-list", LIST, "partner-search"):
        assert f'href="{reverse(other)}"' in nav
    assert f'<a href="{reverse(name)}" aria-current="page">' in nav
    # The main navigation's Partners item is current on every page of the network.
    assert f'<a href="{reverse("partner-list")}" aria-current="page">' in html


def test_the_organisation_page_runs_the_same_queries_with_more_rows(client_as):
    client = client_as(roles.DIRECTOR)
    url = _detail("Deltares")
    client.get(url)
    small, _response = queries_of(client, url)
    deltares = organisation("Deltares")
    team = RelatedProgramme.objects.filter(team__number=6).first().team
    contacts = Contact.objects.bulk_create(
        Contact(name=f"Groei-contact {i:02d}", organisation=deltares, email=f"c{i}@example.nl")
        for i in range(20)
    )
    rows = RelatedProgramme.objects.bulk_create(
        RelatedProgramme(team=team, order=3000 + i, name=f"Groei-traject {i:02d}")
        for i in range(20)
    )
    RelatedProgramme.contacts.through.objects.bulk_create(
        RelatedProgramme.contacts.through(relatedprogramme=row, contact=contact)
        for row, contact in zip(rows, contacts, strict=True)
    )
    large, response = queries_of(client, url)
    assert small == large
    text = main_text(response)
    assert "Deltares werkt met OT1, OT3, OT5 en OT6" in text
    assert "Groei-traject 19 (OT6) — via haar contactpersoon Groei-contact 19" in text
    assert '<a href="mailto:c19@example.nl">' in response.content.decode()
