"""API test set-up: tokens of the demo accounts, clients that send them, and a clean
throttle count for every test (the counts live in the cache; a test never trips them)."""

import pytest
from django.core.cache import cache
from django.test import Client
from knox.models import AuthToken

from tests import roles

# The roles of the issue, as in the permission matrix: "this" team is OT1 (trekker1's),
# the spending requests in these tests are on OT1's lines.
SUBJECT = roles.Subject(team=1, other_team=5, case=roles.DORDRECHT)
ROLES = {
    "director": roles.DIRECTOR,
    "case_owner": SUBJECT.case_owner,
    "team_lead_this": SUBJECT.team_lead,
    "team_lead_other": SUBJECT.team_lead_other,
    "core_team": roles.CORE_TEAM,
    "core_team_other": roles.CORE_TEAM_OTHER,
    "functional_admin": roles.FUNCTIONAL_ADMIN,
}


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_of(user_named):
    tokens = {}

    def get(username: str) -> str:
        if username not in tokens:
            _instance, tokens[username] = AuthToken.objects.create(user=user_named(username))
        return tokens[username]

    return get


class ApiClient:
    """A test client that sends JSON with a user's token; ``None``: anonymous."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}

    def get(self, url, data=None):
        return self.client.get(url, data, **self.headers)

    def send(self, method: str, url: str, body=None):
        return self.client.generic(
            method.upper(),
            url,
            data=b"" if body is None else _json(body),
            content_type="application/json",
            **self.headers,
        )

    def post(self, url, body=None):
        return self.send("post", url, body)

    def patch(self, url, body=None):
        return self.send("patch", url, body)

    def put(self, url, body=None):
        return self.send("put", url, body)

    def delete(self, url):
        return self.send("delete", url)


def _json(body) -> bytes:
    import json

    return body if isinstance(body, bytes) else json.dumps(body).encode()


@pytest.fixture
def api(token_of):
    """``api(roles.team_lead(1))``: a client with trekker1's token; ``api(None)``: anonymous."""

    def make(username: str | None) -> ApiClient:
        return ApiClient(token_of(username) if username else None)

    return make
