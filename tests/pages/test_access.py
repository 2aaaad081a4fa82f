"""Who can open which page: anonymous visitors only the login page, every role all pages."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests import roles
from tests.pages.helpers import DORDRECHT_CASE, ROLE_USERS

PAGES = [
    ("overview", {}),
    ("team-list", {}),
    ("team-detail", {"number": 5}),
    ("case-list", {}),
    ("case-detail", {"slug": DORDRECHT_CASE}),
    ("partner-list", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_role_can_open_every_page(document_rows, client_as, username, name, kwargs):
    response = client_as(username).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/teams/99/", "/teams/0/", f"/cases/{DORDRECHT_CASE}-nope/"])
def test_unknown_team_or_case_is_404(document_rows, client_as, url):
    assert client_as(roles.DIRECTOR).get(url).status_code == 404


@pytest.mark.django_db
def test_login_page_opens_for_anonymous_visitors_in_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    # Labelled fields: every input has a <label for> with its id.
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert 'autocomplete="current-password"' in html
    # No navigation for anonymous visitors.
    assert reverse("team-list") not in html


@pytest.mark.django_db
def test_wrong_password_shows_an_error_and_starts_no_session(client):
    response = client.post(
        reverse("login"), {"username": "directeur", "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_right_password_logs_in_and_goes_to_the_landing_page(client):
    response = client.post(
        reverse("login"), {"username": "directeur", "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" in client.session


def test_logout_is_a_post_and_ends_the_session(client_as):
    client = client_as(roles.DIRECTOR)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_anonymous_visitors_can_switch_the_language_on_the_login_page(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
