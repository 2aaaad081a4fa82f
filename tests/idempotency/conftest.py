"""Helpers for the idempotency tests: the one-time token a create page renders, and the
API tests' tokens."""

import re

from tests.api.conftest import token_of  # noqa: F401 - a fixture for the tests here

TOKEN = re.compile(r'<input type="hidden" name="submit_token" value="([^"]+)"')


def token_on(response) -> str:
    """The one-time token in the form of a page as the browser gets it."""
    match = TOKEN.search(response.content.decode())
    assert match, "the page's form carries no one-time token"
    return match.group(1)
