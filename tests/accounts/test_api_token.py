"""POST /api/v1/auth/token/: a username and password for a token, stored only as a digest
and valid for API_TOKEN_TTL_DAYS. Bad input answers 400 JSON with the field names, never
500; anonymous API requests get 401, not a redirect."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.models import AuthToken

from tests import roles
from tests.accounts.conftest import PASSWORD, WRONG, obtain_token

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def test_the_url_is_that_of_the_brief():
    assert reverse("api-token") == TOKEN_URL


def test_the_right_password_gives_a_token_that_expires_in_30_days(client, user_named):
    response = obtain_token(client, "trekker1", PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    expiry = parse_datetime(body["expiry"])  # ISO 8601, with its offset
    assert expiry is not None and expiry.tzinfo is not None
    expected = timezone.now() + datetime.timedelta(days=30)
    assert abs(expiry - expected) < datetime.timedelta(minutes=1)
    assert AuthToken.objects.get(user=user_named(roles.team_lead(1))).expiry == expiry
    assert "_auth_user_id" not in client.session  # no session is started


def test_the_token_is_stored_only_as_a_digest(client):
    token = obtain_token(client, "trekker1", PASSWORD).json()["token"]
    stored = AuthToken.objects.get()
    assert token not in {stored.digest, stored.token_key}
    assert stored.digest == hashlib.sha512(token.encode()).hexdigest()


def test_each_request_gives_a_new_token_and_the_earlier_ones_keep_working(client):
    first = obtain_token(client, "trekker1", PASSWORD).json()["token"]
    second = obtain_token(client, "trekker1", PASSWORD).json()["token"]
    assert first != second
    for token in (first, second):
        response = client.get("/api/v1/teams/", HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 200


def test_the_lifetime_follows_the_setting(client, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": datetime.timedelta(days=2)}
    expiry = parse_datetime(obtain_token(client, "trekker1", PASSWORD).json()["expiry"])
    expected = timezone.now() + datetime.timedelta(days=2)
    assert abs(expiry - expected) < datetime.timedelta(minutes=1)


def test_form_data_works_too(client):
    response = client.post(TOKEN_URL, {"username": "directeur", "password": PASSWORD})
    assert response.status_code == 200
    assert "token" in response.json()


def test_a_wrong_password_gives_400_and_no_token(client):
    response = obtain_token(client, "trekker1", WRONG)
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert not AuthToken.objects.exists()


def test_an_inactive_user_gets_no_token(client, user_named):
    user = user_named(roles.team_lead(1))
    user.is_active = False
    user.save()
    assert obtain_token(client, "trekker1", PASSWORD).status_code == 400


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"username", "password"}),
        ({"username": "trekker1"}, {"password"}),
        ({"password": PASSWORD}, {"username"}),
        ({"username": "", "password": ""}, {"username", "password"}),
        ({"username": None, "password": PASSWORD}, {"username"}),
        ({"username": ["trekker1"], "password": PASSWORD}, {"username"}),
        ({"username": {"a": 1}, "password": {"b": 2}}, {"username", "password"}),
        ({"username": "trekker1", "password": ["citydeal2021"]}, {"password"}),
        ({"username": "x" * 151, "password": PASSWORD}, {"username"}),
        ({"username": "trekker1", "password": "x" * 5000}, {"password"}),
        ({"username": "trek\x00ker1", "password": PASSWORD}, {"username"}),
    ],
)
def test_bad_input_gives_400_with_the_field_names(client, body, fields):
    response = client.post(TOKEN_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == fields


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"username": "trekker1", "password": ', "application/json"),
        ("not json at all", "application/json"),
        ('["trekker1", "citydeal2021"]', "application/json"),
        ("null", "application/json"),
        ('"trekker1"', "application/json"),
        ("\xff\xfe", "application/json"),
    ],
)
def test_malformed_bodies_give_400_json(client, body, content_type):
    response = client.post(TOKEN_URL, body, content_type=content_type)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_an_unknown_media_type_gives_415_json(client):
    response = client.post(TOKEN_URL, "username=trekker1", content_type="text/plain")
    assert response.status_code == 415
    assert "detail" in response.json()


def test_get_is_not_allowed(client):
    response = client.get(TOKEN_URL)
    assert response.status_code == 405
    assert "detail" in response.json()


def test_a_logged_in_browser_needs_the_csrf_token(user_named):
    """The session authenticates the request too, so the CSRF check applies."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user_named(roles.team_lead(1)))
    response = obtain_token(browser, "trekker1", PASSWORD)
    assert response.status_code == 403


@pytest.mark.urls("tests.security.urls")
class TestTheTokenAuthenticates:
    url = "/api/v1/test/whoami/"

    def test_with_the_token(self, client):
        token = obtain_token(client, "kernteam1", PASSWORD).json()["token"]
        response = client.get(self.url, HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 200
        assert response.json() == {"username": "kernteam1"}

    def test_anonymous_gets_401_with_www_authenticate(self, client):
        response = client.get(self.url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert "detail" in response.json()

    def test_a_wrong_token_gets_401(self, client):
        response = client.get(self.url, HTTP_AUTHORIZATION="Token " + "0" * 40)
        assert response.status_code == 401

    @pytest.mark.parametrize(
        "header",
        ["Token \xff\xfe", "Token abc\x00def", "Token " + "a" * 5000, "Token é" + "0" * 63],
    )
    def test_a_token_knox_never_makes_gets_401_not_500(self, client, header):
        response = client.get(self.url, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401
        assert "detail" in response.json()

    def test_an_expired_token_gets_401(self, client):
        token = obtain_token(client, "kernteam1", PASSWORD).json()["token"]
        AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
        response = client.get(self.url, HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 401
        assert not AuthToken.objects.exists()  # knox removes it

    def test_an_inactive_users_token_gets_401(self, client, user_named):
        token = obtain_token(client, "kernteam1", PASSWORD).json()["token"]
        user = user_named(roles.CORE_TEAM)
        user.is_active = False
        user.save()
        assert client.get(self.url, HTTP_AUTHORIZATION=f"Token {token}").status_code == 401

    def test_the_browser_session_works_too(self, client_as):
        response = client_as(roles.DIRECTOR).get(self.url)
        assert response.status_code == 200
        assert response.json() == {"username": "directeur"}


def test_a_new_token_clears_the_users_expired_ones(client, user_named):
    obtain_token(client, "trekker1", PASSWORD)
    obtain_token(client, "trekker2", PASSWORD)
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(days=1))

    obtain_token(client, "trekker1", PASSWORD)

    assert AuthToken.objects.filter(user=user_named(roles.team_lead(1))).count() == 1
    assert AuthToken.objects.filter(user=user_named(roles.team_lead(2))).count() == 1  # not theirs
