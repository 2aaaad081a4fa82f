"""Shared test set-up: the seed data and demo accounts are loaded once per test database.

Each test runs in a transaction that is rolled back, so the seed stays as the
document has it.
"""

import pytest

from accounts.models import User
from citydeal.seed import demo_accounts_create, seed_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_load()
        demo_accounts_create()


@pytest.fixture
def user_named(db):
    """Return the demo account with this username."""

    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def client_as(client, user_named):
    """A test client logged in as the demo account with this username."""

    def login(username: str):
        client.force_login(user_named(username))
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Counters in the cache (API throttling, password reset mails) start at zero."""
    from django.core.cache import cache

    cache.clear()
