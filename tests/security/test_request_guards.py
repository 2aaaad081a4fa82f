"""Errors are JSON under the API (also a 500, with the request id its log lines carry),
bodies too large or nested too deep are refused before any view, and nothing personal
is kept in a cache."""

import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from citydeal.request_guards import RequestIdFilter
from tests import roles
from tests.accounts.conftest import PASSWORD, obtain_token
from tests.spending.conftest import dutch

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DEEP_JSON = "[" * 2000 + "]" * 2000  # 4 KB


@pytest.fixture
def anonymous() -> Client:
    """A client that gets the 500 answer instead of the view's exception."""
    return Client(raise_request_exception=False)


def test_a_deeply_nested_body_is_a_400_in_json_not_a_500(anonymous):
    response = anonymous.post(reverse("api-token"), DEEP_JSON, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": dutch("The JSON body is nested too deeply: at most %(depth)d levels.")
        % {"depth": 100},
        "code": "parse_error",
    }
    # Nesting within the limit, and brackets inside strings, are no reason to refuse: the
    # serializer reads the body and names the field.
    body = '{"username": "' + "[" * 500 + '", "password": [' + "[" * 98 + "]" * 98 + "]}"
    response = anonymous.post(reverse("api-token"), body, content_type="application/json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_a_body_above_the_api_limit_is_a_413_in_json(anonymous):
    body = '{"username": "' + "x" * settings.API_MAX_BODY_BYTES + '", "password": "x"}'
    response = anonymous.post(reverse("api-token"), body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "detail": dutch("The request body is too large: at most %(limit)d bytes.")
        % {"limit": settings.API_MAX_BODY_BYTES},
        "code": "request_too_large",
    }


def test_the_api_limit_comes_from_the_setting(anonymous, settings):
    settings.API_MAX_BODY_BYTES = 100
    small = obtain_token(anonymous, "kernteam1", PASSWORD)
    assert small.status_code == 200
    response = obtain_token(anonymous, "kernteam1", PASSWORD + "x" * 100)
    assert response.status_code == 413


def test_a_page_body_above_the_page_limit_is_a_dutch_413_page(anonymous, settings):
    settings.PAGE_MAX_BODY_BYTES = 1000
    response = anonymous.post(reverse("login"), {"username": "x" * 2000, "password": "x"})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "Verzoek te groot" in response.content.decode()
    # A normal login form is well within it.
    response = anonymous.post(reverse("login"), {"username": "kernteam1", "password": PASSWORD})
    assert response.status_code == 302


def test_page_form_fields_above_djangos_limit_are_a_dutch_400_page(anonymous, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = anonymous.post(reverse("login"), {"username": "x" * 2000, "password": "x"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Verzoek niet leesbaar" in response.content.decode()


def test_an_unknown_api_path_is_a_404_in_json(anonymous):
    response = anonymous.get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


class Captured(logging.Handler):
    """The log lines of the test, through the filter the portal's handler uses."""

    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.lines: list[tuple[str, str]] = []

    def emit(self, record):
        self.lines.append((record.request_id, record.getMessage()))


@pytest.fixture
def captured():
    handler = Captured()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


@pytest.mark.urls("tests.security.error_urls")
def test_a_bug_under_the_api_is_a_500_in_json_with_the_request_id_of_its_log_lines(
    anonymous, captured
):
    token = obtain_token(anonymous, "kernteam1", PASSWORD).json()["token"]
    response = anonymous.get("/api/v1/test/broken/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    request_id = response["X-Request-ID"]
    assert response.json() == {
        "detail": dutch("A server error occurred. Please report the request id."),
        "code": "server_error",
        "request_id": request_id,
    }
    ids = {message: line_id for line_id, message in captured.lines}
    assert ids["about to fail"] == request_id
    assert ids["Internal Server Error: /api/v1/test/broken/"] == request_id


@pytest.mark.urls("tests.security.error_urls")
def test_a_bug_on_a_page_is_the_dutch_500_page_with_the_request_id(anonymous, user_named):
    anonymous.force_login(user_named(roles.CORE_TEAM))
    response = anonymous.get("/test/broken/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert response["X-Request-ID"] in response.content.decode()


def test_a_plain_incoming_request_id_is_taken_over(client):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="proxy-1234abcd")
    assert response["X-Request-ID"] == "proxy-1234abcd"


@pytest.mark.parametrize("incoming", ["a\nforged line", "x" * 200, "<script>", "short"])
def test_an_odd_incoming_request_id_is_replaced(client, incoming):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_every_response_has_a_request_id_of_its_own(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert first != second


# -- caching -------------------------------------------------------------------------------


def test_a_page_of_a_logged_in_user_is_not_stored_but_static_files_are_cached(client_as):
    client = client_as(roles.CORE_TEAM)
    response = client.get(reverse("overview"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    static = client.get(settings.STATIC_URL + "css/portal.css")
    assert static.status_code == 200
    assert "no-store" not in static["Cache-Control"]
    assert "max-age" in static["Cache-Control"]


def test_an_api_list_is_not_stored(client):
    token = obtain_token(client, "kernteam1", PASSWORD).json()["token"]
    response = client.get("/api/v1/teams/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_api_refusal_is_not_stored_either(client):
    response = client.get("/api/v1/teams/")
    assert response.status_code == 401
    assert "no-store" in response["Cache-Control"]


# -- the language cookie ---------------------------------------------------------------------


def test_the_language_cookie_is_secure_and_out_of_reach_of_scripts(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_schema_documents_the_413_and_the_500_with_its_request_id():
    import yaml

    document = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    create = document["paths"]["/api/v1/spending-requests/"]["post"]["responses"]
    assert "413" in create
    server_error = create["500"]["content"]["application/json"]["schema"]["$ref"]
    assert server_error == "#/components/schemas/ServerError"
    schema = document["components"]["schemas"]["ServerError"]
    assert schema["required"] == ["detail", "code", "request_id"]
