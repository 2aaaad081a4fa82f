"""One search across the partner network: teams, related programmes, organisations and
contacts, grouped by kind, each hit linked, matched in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Contact, Organisation, RelatedProgramme
from partners.selectors import SEARCH_GROUP_SIZE, partner_search
from teams.models import Programme
from tests import roles
from tests.pages.helpers import dutch
from tests.pages.paging import queries_of
from tests.partners.helpers import main_text, organisation

pytestmark = pytest.mark.django_db

SEARCH = "partner-search"


def _search(client, q):
    response = client.get(reverse(SEARCH), {"q": q})
    assert response.status_code == 200
    return response


def _section(response, anchor: str) -> str:
    html = response.content.decode()
    start = html.index(f'aria-labelledby="{anchor}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("q", ["OT5", "ot 5", "5", "datagedreven", "Sturen"])
def test_it_finds_a_team_by_number_or_name(client_as, q):
    response = _search(client_as(roles.DIRECTOR), q)
    teams = _section(response, "hits-teams")
    assert f'href="{reverse("team-detail", kwargs={"number": 5})}"' in teams
    assert "Ontwikkelteam 5: Datagedreven sturen" in teams
    assert "Ontwikkelteam 1" not in teams


def test_it_finds_related_programmes_by_name_partner_and_subject(client_as):
    client = client_as(roles.DIRECTOR)
    mooi = RelatedProgramme.objects.get(team__number=3, name="MOOI-regeling")
    found = _section(_search(client, "mooi-REGELING"), "hits-related")
    assert f'href="{reverse("related-programme-detail", kwargs={"pk": mooi.pk})}"' in found
    assert "MOOI-regeling</a> (OT3)" in found
    # By the knowledge partner: every row of Deltares, and the partner linked.
    by_partner = _section(_search(client, "deltares"), "hits-related")
    assert by_partner.count('href="/partners/') >= 4
    assert f'href="{reverse("organisation-detail", kwargs={"pk": mooi.knowledge_partner_id})}"' in (
        by_partner
    )


def test_it_finds_organisations(client_as):
    found = _section(_search(client_as(roles.DIRECTOR), "geonov"), "hits-organisations")
    pk = organisation("Geonovum").pk
    assert f'<a href="{reverse("organisation-detail", kwargs={"pk": pk})}">Geonovum</a>' in found
    assert dutch("Organisations (%(counter)s)") % {"counter": 1} in found


def test_it_finds_contacts_by_name_e_mail_and_organisation(client_as):
    client = client_as(roles.DIRECTOR)
    by_name = _section(_search(client, "hoogvliet"), "hits-contacts")
    deltares = reverse("organisation-detail", kwargs={"pk": organisation("Deltares").pk})
    assert f'<a href="{deltares}">Marco Hoogvliet</a> (Deltares)' in by_name
    assert "Contactpersoon voor" in by_name
    by_mail = _section(_search(client, "schuur@cob"), "hits-contacts")
    assert '<a href="mailto:gijsbert.schuur@cob.nl">gijsbert.schuur@cob.nl</a>' in by_mail
    # A contact without an organisation links to the related programmes that name them.
    maring = Contact.objects.get(name="Maring").related_programmes.get()
    surname_only = _section(_search(client, "maring"), "hits-contacts")
    assert "<strong>Maring</strong>" in surname_only
    assert f'href="{reverse("related-programme-detail", kwargs={"pk": maring.pk})}"' in (
        surname_only
    )


def test_each_group_shows_its_first_hits_and_its_count(client_as):
    Organisation.objects.bulk_create(Organisation(name=f"Zoekorg {i:02d}") for i in range(15))
    client = client_as(roles.DIRECTOR)
    response = _search(client, "zoekorg")
    found = _section(response, "hits-organisations")
    assert found.count("<li>") == SEARCH_GROUP_SIZE
    assert dutch("Organisations (%(counter)s)") % {"counter": 15} in found
    assert f'href="{reverse("organisation-list")}?search=zoekorg"' in found
    assert dutch("No team matches.") in main_text(response)
    text = main_text(response)
    assert "15 resultaten voor “zoekorg”" in text


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("", "Typ minstens 2 tekens van de naam of het nummer van een team"),
        ("   ", "Typ minstens 2 tekens van de naam of het nummer van een team"),
        ("x", "Typ minstens 2 tekens: “x” is te kort."),
    ],
)
def test_an_empty_or_short_search_says_what_to_type(client_as, q, hint):
    client = client_as(roles.DIRECTOR)
    response = client.get(reverse(SEARCH), {"q": q} if q else {})
    assert hint in main_text(response)
    assert 'id="hits-' not in response.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "a" * 5000,
        "Delta\x00res",
        "%",
        "%%",
        "50%",
        "_",
        "__",
        "\\",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "Deltares\u202e",
        "😀😀",
    ],
)
def test_odd_input_never_breaks_the_search(client_as, q):
    response = client_as(roles.DIRECTOR).get(reverse(SEARCH), {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if "%" in q or "_" in q:
        # The wildcards of LIKE match themselves only: no organisation has them.
        assert "Deltares" not in main_text(response)


def test_an_invalid_search_shows_the_reason_beside_the_field(client_as):
    response = client_as(roles.DIRECTOR).get(reverse(SEARCH), {"q": "a" * 201})
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-describedby="q-error"' in html
    assert 'id="hits-' not in html


def test_the_search_box_is_labelled_and_a_search_landmark(client_as):
    html = client_as(roles.DIRECTOR).get(reverse(SEARCH)).content.decode()
    assert 'role="search"' in html
    assert '<label for="id_q">' in html
    assert 'type="search" name="q"' in html
    assert "<h1>" in html


def test_the_search_runs_the_same_queries_at_two_sizes(client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse(SEARCH), {"q": "or"})
    small, _response = queries_of(client, reverse(SEARCH), {"q": "or"})
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Groei-organisatie {i:02d}") for i in range(30)
    )
    Contact.objects.bulk_create(
        Contact(name=f"Groei-contact {i:02d}", organisation=o) for i, o in enumerate(organisations)
    )
    large, response = queries_of(client, reverse(SEARCH), {"q": "or"})
    assert small == large
    assert _section(response, "hits-contacts").count("<li>") == SEARCH_GROUP_SIZE


def test_without_the_right_to_see_contacts_the_search_leaves_them_out():
    programme = Programme.objects.get(slug="cdor")
    with CaptureQueriesContext(connection) as queries:
        result = partner_search(programme=programme, query="hoogvliet", with_contacts=False)
    assert result.contacts is None
    assert not any("partners_contact" in q["sql"].split("FROM")[1] for q in queries)
    with_them = partner_search(programme=programme, query="hoogvliet", with_contacts=True)
    assert [contact.name for contact in with_them.contacts.rows] == ["Marco Hoogvliet"]
