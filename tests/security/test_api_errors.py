"""The API answers in JSON with field names, also for errors a service raises, and an
anonymous API request gets 401 from DRF, never the login page's redirect."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.accounts.conftest import PASSWORD, obtain_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]


def api_patterns(resolver=None, prefix=""):
    """(route, callback) of every URL pattern under api/."""
    for pattern in (resolver or get_resolver("citydeal.urls")).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from api_patterns(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/"):
            yield route, pattern.callback


def test_every_api_view_is_left_to_drf_by_the_login_required_middleware():
    patterns = list(api_patterns())
    assert "api/v1/auth/token/" in [route for route, _callback in patterns]
    for route, callback in patterns:
        assert getattr(callback, "login_required", True) is False, route


@pytest.fixture
def token_client(client):
    token = obtain_token(client, "kernteam1", PASSWORD).json()["token"]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def test_a_services_validation_error_is_400_with_the_field(token_client):
    response = token_client.post("/api/v1/test/validation-error/")
    assert response.status_code == 400
    assert response.json() == {"amount": ["Past the budget line: 10.00 left."]}


def test_a_services_permission_denied_is_403_with_the_reason(token_client):
    response = token_client.post("/api/v1/test/permission-denied/")
    assert response.status_code == 403
    assert response.json() == {"detail": "You submitted this request yourself."}


@pytest.mark.parametrize("url", ["/api/v1/test/whoami/", "/api/v1/test/validation-error/"])
def test_anonymous_api_requests_get_401_not_the_login_page(client, url):
    response = client.get(url) if url.endswith("whoami/") else client.post(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_pages_still_go_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
