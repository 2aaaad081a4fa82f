"""The OpenAPI document and the documentation pages.

The committed openapi.yaml is what the code generates: an endpoint, field or error
response that changes without the file changing fails here, so the change shows in
review. Regenerate it with

    DEBUG=1 .venv/bin/python manage.py spectacular --lang en --file openapi.yaml --validate

(in English, so that a new Dutch translation does not change the contract).
"""

import json
from pathlib import Path

import pytest
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

from citydeal.permissions import can_view_portal
from tests import roles
from tests.security.test_content_security_policy import inline_code, policy

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def generated() -> dict:
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_committed_schema_is_the_generated_one():
    document = generated()
    validate_schema(document)
    rendered = OpenApiYamlRenderer().render(document, renderer_context={}).decode()
    assert rendered == (ROOT / "openapi.yaml").read_text(encoding="utf-8"), (
        "openapi.yaml is out of date: regenerate it (see this module's docstring)"
    )


def test_the_schema_endpoint_serves_the_generated_document(api):
    response = api(roles.DIRECTOR).get("/api/v1/schema/", {"format": "json", "lang": "en"})
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(generated(), default=str))


def test_the_schema_is_yaml_by_default_and_for_session_users_too(client_as):
    response = client_as(roles.case_owner(roles.DORDRECHT)).get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert b"openapi: 3.0" in response.content


def test_anonymous_requests_for_the_schema_get_401_json(api):
    response = api(None).get("/api/v1/schema/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_user_without_a_role_gets_403_with_the_reason(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("norole", password="x"))
    response = client.get("/api/v1/schema/")
    assert response.status_code == 403
    assert response.json()["detail"] == str(can_view_portal(response.wsgi_request.user).reason)


EVERY_RESOURCE = [
    "teams",
    "goals",
    "activities",
    "budget-periods",
    "budget-lines",
    "budget-spaces",
    "spending-requests",
    "decisions",
    "cases",
    "organisations",
    "contacts",
    "related-programmes",
    "events",
    "workshop-slots",
    "bookings",
]


def test_every_resource_is_in_the_schema_with_its_error_responses():
    paths = generated()["paths"]
    for resource in EVERY_RESOURCE:
        listing = paths[f"/api/v1/{resource}/"]["get"]["responses"]
        detail = paths[f"/api/v1/{resource}/{{id}}/"]["get"]["responses"]
        assert {"200", "400", "401", "403", "404"} <= set(listing), resource
        assert {"200", "401", "403", "404"} <= set(detail), resource
    for step in ("submit", "approve", "reject", "return", "withdraw", "realise"):
        responses = paths[f"/api/v1/spending-requests/{{id}}/{step}/"]["post"]["responses"]
        assert {"200", "400", "401", "403", "404", "409"} <= set(responses), step
        assert responses["409"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Conflict"
        }
    steps = [f"bookings/{{id}}/{step}" for step in ("confirm", "decline", "cancel", "held")]
    for path in ["bookings", "workshop-slots/{id}/cancel", *steps, "bookings/{id}/not-held"]:
        responses = paths[f"/api/v1/{path}/"]["post"]["responses"]
        expected = {"400", "401", "403", "409"} | ({"404"} if "{" in path else set())
        assert expected <= set(responses), path
        assert responses["409"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Conflict"
        }
    assert "409" in paths["/api/v1/workshop-slots/{id}/"]["patch"]["responses"]


DOCS = ["/api/v1/docs/", "/api/v1/docs/redoc/"]


@pytest.mark.parametrize("url", DOCS)
def test_the_docs_pages_use_local_files_and_no_inline_script(client_as, url):
    response = client_as(roles.team_lead(2)).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert inline_code(html) == []
    assert "http://" not in html and "https://" not in html, "no CDN"
    assert "/static/drf_spectacular_sidecar/" in html
    script_src = policy(response).get("script-src", policy(response)["default-src"])
    assert script_src == ["'self'"]


def test_swagger_ui_has_the_portals_policy_as_it_is_and_its_start_script_is_a_file(client_as):
    client = client_as(roles.team_lead(2))
    response = client.get("/api/v1/docs/")
    assert policy(response)["style-src"] == ["'self'"]
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_redoc_alone_may_use_inline_styles(client_as):
    response = client_as(roles.team_lead(2)).get("/api/v1/docs/redoc/")
    assert policy(response)["style-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.parametrize("url", DOCS)
def test_the_docs_pages_send_anonymous_visitors_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_sidecar_files_are_served(client_as):
    client = client_as(roles.DIRECTOR)
    for name in ("swagger-ui-dist/swagger-ui-bundle.js", "redoc/bundles/redoc.standalone.js"):
        response = client.get(f"/static/drf_spectacular_sidecar/{name}")
        assert response.status_code == 200, name
