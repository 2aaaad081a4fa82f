"""Sessions end 30 minutes after the last request and at most 10 hours after login;
after logout the old session cookie no longer works."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from citydeal.middleware import LAST_SEEN_KEY, LOGIN_TIME_KEY
from tests import roles
from tests.accounts.conftest import PASSWORD, is_logged_in, login, obtain_token

MINUTE = 60
HOUR = 60 * MINUTE


def set_session_times(client: Client, *, logged_in_ago: int, last_seen_ago: int) -> None:
    now = int(time.time())
    session = client.session
    session[LOGIN_TIME_KEY] = now - logged_in_ago
    session[LAST_SEEN_KEY] = now - last_seen_ago
    session.save()


def assert_sent_to_login(response, path="/"):
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={path}"


def test_the_limits_are_those_of_the_brief():
    assert settings.SESSION_COOKIE_AGE == 30 * MINUTE
    assert settings.SESSION_MAX_AGE_ABSOLUTE == 10 * HOUR


@pytest.mark.django_db
def test_logging_in_stamps_the_session(client):
    before = int(time.time())
    login(client, "directeur", PASSWORD)
    assert before <= client.session[LOGIN_TIME_KEY] <= int(time.time())
    assert client.session[LAST_SEEN_KEY] == client.session[LOGIN_TIME_KEY]


def test_29_minutes_idle_is_fine_and_counts_as_activity(client_as):
    client = client_as(roles.DIRECTOR)
    set_session_times(client, logged_in_ago=2 * HOUR, last_seen_ago=29 * MINUTE)
    assert client.get(reverse("overview")).status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_KEY] < MINUTE


def test_after_30_minutes_idle_the_session_ends(client_as):
    client = client_as(roles.DIRECTOR)
    set_session_times(client, logged_in_ago=HOUR, last_seen_ago=30 * MINUTE + 1)
    response = client.get(reverse("overview"))
    assert_sent_to_login(response)
    assert not is_logged_in(client)
    # The login page says why.
    with translation.override("nl"):
        reason = translation.gettext("Your session has ended. Please log in again.")
    assert reason in client.get(response["Location"]).content.decode()


def test_after_10_hours_the_session_ends_even_when_active(client_as):
    client = client_as(roles.DIRECTOR)
    set_session_times(client, logged_in_ago=10 * HOUR + 1, last_seen_ago=10)
    assert_sent_to_login(client.get(reverse("overview")))
    assert not is_logged_in(client)


def test_just_under_10_hours_active_is_fine(client_as):
    client = client_as(roles.DIRECTOR)
    set_session_times(client, logged_in_ago=10 * HOUR - MINUTE, last_seen_ago=10)
    assert client.get(reverse("overview")).status_code == 200


def test_the_cookie_expires_with_the_idle_limit(client_as):
    client = client_as(roles.DIRECTOR)
    set_session_times(client, logged_in_ago=HOUR, last_seen_ago=2 * MINUTE)
    client.get(reverse("overview"))
    assert 29 * MINUTE < client.session.get_expiry_age() <= 30 * MINUTE


@pytest.mark.urls("tests.security.urls")
def test_an_ended_session_gets_401_from_the_api(client_as):
    client = client_as(roles.DIRECTOR)
    set_session_times(client, logged_in_ago=10 * HOUR + 1, last_seen_ago=10)
    response = client.get("/api/v1/test/whoami/")
    assert response.status_code == 401
    assert not is_logged_in(client)


@pytest.mark.urls("tests.security.urls")
@pytest.mark.django_db
def test_the_session_limits_do_not_touch_token_requests(client):
    token = obtain_token(client, "directeur", PASSWORD).json()["token"]
    response = client.get("/api/v1/test/whoami/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200


def test_after_logout_the_old_session_cookie_no_longer_works(client_as):
    client = client_as(roles.DIRECTOR)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("overview")).status_code == 200

    assert client.post(reverse("logout")).status_code == 302

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert_sent_to_login(replay.get(reverse("overview")))
