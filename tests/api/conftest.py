"""API test set-up: tokens of the demo accounts, clients that send them, and a clean
throttle count for every test (the counts live in the cache; a test never trips them)."""

import pytest
from django.core.cache import cache
from django.test import Client
from knox.models import AuthToken

# The roles of the issue, as in the permission matrix: "this" team is OT1 (trekker1's),
# the spending requests in these tests are on OT1's lines.
ROLES = {
    "director": "directeur",
    "case_owner": "casus-dordrecht",
    "team_lead_this": "trekker1",
    "team_lead_other": "trekker5",
    "core_team": "kernteam1",
    "core_team_other": "kernteam2",
    "functional_admin": "beheerder",
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
    """``api("trekker1")``: a client with trekker1's token; ``api(None)``: anonymous."""

    def make(username: str | None) -> ApiClient:
        return ApiClient(token_of(username) if username else None)

    return make
