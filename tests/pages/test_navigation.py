"""The page frame: landmarks, skip link, language, and a navigation that fits the role."""

import pytest
from django.urls import reverse

from tests import roles
from tests.pages.helpers import DORDRECHT_CASE, ROLE_USERS, dutch


@pytest.mark.parametrize("username", ROLE_USERS)
def test_page_frame_has_skip_link_and_landmarks(document_rows, client_as, username):
    html = client_as(username).get(reverse("overview")).content.decode()
    assert '<html lang="nl">' in html
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    assert '<main id="main"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    # Log out is a POST form with a CSRF token.
    logout = html[html.index(f'action="{reverse("logout")}"') :]
    assert 'name="csrfmiddlewaretoken"' in logout[: logout.index("</form>")]


def test_my_team_only_for_team_leads(document_rows, client_as):
    my_team = dutch("My team")
    html = client_as(roles.team_lead(1)).get(reverse("overview")).content.decode()
    assert my_team in html
    assert f'href="{reverse("team-detail", kwargs={"number": 1})}"' in html
    for username in ("kernteam1", "casus-dordrecht", "directeur", "beheerder"):
        html = client_as(username).get(reverse("overview")).content.decode()
        assert my_team not in html, username


def test_case_owner_sees_the_own_case(document_rows, client_as):
    html = client_as(roles.case_owner(roles.DORDRECHT)).get(reverse("overview")).content.decode()
    assert dutch("My case") in html
    assert reverse("case-detail", kwargs={"slug": DORDRECHT_CASE}) in html
    assert (
        dutch("My case")
        not in client_as(roles.team_lead(1)).get(reverse("overview")).content.decode()
    )


def test_admin_link_only_for_staff(document_rows, client_as):
    admin = f'href="{reverse("admin:index")}"'
    assert admin in client_as(roles.FUNCTIONAL_ADMIN).get(reverse("overview")).content.decode()
    for username in ("kernteam1", "trekker1", "casus-dordrecht", "directeur"):
        assert admin not in client_as(username).get(reverse("overview")).content.decode()


def test_current_section_is_marked(document_rows, client_as):
    html = client_as(roles.DIRECTOR).get(reverse("case-list")).content.decode()
    assert f'<a href="{reverse("case-list")}" aria-current="page">' in html
    assert f'<a href="{reverse("overview")}" aria-current="page">' not in html


def test_english_on_request(document_rows, client_as):
    client = client_as(roles.DIRECTOR)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("overview")).content.decode()
    assert '<html lang="en">' in html
    assert "My team" not in html
    assert "Skip to main content" in html
