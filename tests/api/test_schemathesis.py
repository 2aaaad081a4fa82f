"""Schemathesis against the live schema: every operation of /api/v1/ with generated
input (kernteam1's token, a bounded number of examples, a fixed seed) answers no 5xx and
nothing that the schema does not describe."""

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _live_schema():
    """The document /api/v1/schema/ serves (the same generator; test_schema.py checks that
    the endpoint serves exactly this), loaded at collection time, where there is no
    database yet. (schemathesis' lazy fixture loader does not work with pytest 9.)"""
    generator = SchemaGenerator()
    document = json.loads(json.dumps(generator.get_schema(request=None, public=True), default=str))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _live_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection after each request (as the
    test client's handler does not): on PostgreSQL that would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _localhost(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # schemathesis' host


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, token_of):
    cache.clear()  # generated requests must not trip the throttle
    case.call_and_validate(
        headers={"Authorization": f"Token {token_of('kernteam1')}"}, checks=CHECKS
    )
