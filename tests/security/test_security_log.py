"""Logins, failed logins, logouts and refused requests each write a line to the
"citydeal.security" logger."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, WRONG, login, obtain_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_log(caplog):
    """The lines of citydeal.security (it does not propagate to the root logger, which
    caplog listens to)."""
    logger = logging.getLogger("citydeal.security")
    logger.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.INFO)
    try:
        yield lambda: [
            (record.levelname, record.getMessage())
            for record in caplog.records
            if record.name == "citydeal.security"
        ]
    finally:
        logger.removeHandler(caplog.handler)


def test_a_login_is_logged(client, security_log):
    login(client, "directeur", PASSWORD)
    assert ("INFO", "login user=directeur ip=127.0.0.1") in security_log()


def test_a_failed_login_is_logged(client, security_log):
    login(client, "directeur", WRONG)
    assert ("WARNING", "login failed user=directeur ip=127.0.0.1") in security_log()


def test_a_logout_is_logged(client, security_log):
    login(client, "directeur", PASSWORD)
    client.post(reverse("logout"))
    assert ("INFO", "logout user=directeur ip=127.0.0.1") in security_log()


def test_a_refused_request_is_logged(security_log):
    # A POST without the CSRF token: 403.
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x"})
    assert response.status_code == 403
    assert (
        "WARNING",
        "refused status=403 user=- method=POST path=/accounts/login/ ip=127.0.0.1",
    ) in security_log()


def test_a_lockout_is_logged_as_refused(client, security_log):
    for _ in range(5):
        login(client, "directeur", WRONG)
    assert (
        "WARNING",
        "refused status=429 user=- method=POST path=/accounts/login/ ip=127.0.0.1",
    ) in security_log()


def test_a_token_and_a_failed_token_request_are_logged(client, security_log):
    obtain_token(client, "kernteam1", WRONG)
    obtain_token(client, "kernteam1", PASSWORD)
    lines = security_log()
    assert ("WARNING", "login failed user=kernteam1 ip=127.0.0.1") in lines
    assert ("INFO", "api token user=kernteam1 ip=127.0.0.1") in lines


@pytest.mark.urls("tests.security.urls")
def test_a_refused_api_request_is_logged_with_the_user(client, security_log):
    token = obtain_token(client, "kernteam1", PASSWORD).json()["token"]
    client.post("/api/v1/test/permission-denied/", HTTP_AUTHORIZATION=f"Token {token}")
    client.get("/api/v1/test/whoami/", HTTP_AUTHORIZATION="Token wrong")
    lines = security_log()
    assert (
        "WARNING",
        "refused status=403 user=kernteam1 method=POST path=/api/v1/test/permission-denied/ "
        "ip=127.0.0.1",
    ) in lines
    assert (
        "WARNING",
        "refused status=401 user=- method=GET path=/api/v1/test/whoami/ ip=127.0.0.1",
    ) in lines
