"""The token endpoint answers one client address at most API_TOKEN_THROTTLE times (20 a
minute), whatever usernames it tries: django-axes locks one username at a time."""

import pytest
from axes.models import AccessAttempt
from django.utils import translation

from accounts import views
from accounts.views import TokenRequestsThrottled
from tests.accounts.conftest import PASSWORD, WRONG, obtain_token

pytestmark = pytest.mark.django_db


def guess(client, n: int, **extra):
    return obtain_token(client, f"gebruiker-{n}", WRONG, **extra)


def test_the_21st_request_from_one_address_gets_429_json(client):
    statuses = [guess(client, n).status_code for n in range(20)]
    assert statuses == [400] * 20  # each username only once: axes locks none of them

    response = guess(client, 20)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    seconds = int(response["Retry-After"])
    assert 0 < seconds <= 60
    with translation.override("nl"):  # the portal speaks Dutch by default
        expected = str(TokenRequestsThrottled(seconds).detail)
    assert response.json() == {"detail": expected}


def test_the_right_password_is_throttled_too(client):
    for n in range(20):
        guess(client, n)
    response = obtain_token(client, "trekker1", PASSWORD)
    assert response.status_code == 429
    assert "token" not in response.json()


def test_throttled_requests_are_not_counted_by_axes(client):
    for n in range(25):
        guess(client, n)
    assert AccessAttempt.objects.count() == 20


def test_another_address_still_gets_its_token(client):
    for n in range(21):
        guess(client, n)
    assert obtain_token(client, "trekker1", PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_forwarded_for_header_does_not_make_a_new_address(client):
    for n in range(20):
        guess(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = guess(client, 20, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


def test_the_rate_is_a_setting(client, settings, monkeypatch):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"] == "20/min"
    monkeypatch.setattr(views.TokenRequestThrottle, "rate", "2/min", raising=False)
    assert [guess(client, n).status_code for n in range(3)] == [400, 400, 429]
