"""Shared test set-up: the seed data and demo accounts are loaded once per test database.

Each test runs in a transaction that is rolled back, so the seed stays as the
document has it.
"""

import pytest

from accounts.models import User
from citydeal.seed import demo_accounts_create, seed_load
from tests.nplusone import KNOWN_NPLUSONE, MARKER, nplusone_checked


def pytest_collection_modifyitems(items):
    for item in items:
        if item.nodeid in KNOWN_NPLUSONE:
            name, reason, strict = KNOWN_NPLUSONE[item.nodeid]
            item.add_marker(getattr(pytest.mark, MARKER)(name, reason=reason, strict=strict))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Every test body runs under N+1 detection (tests/nplusone.py): an N+1 fails the test.
    Fixtures (the test's set-up) run outside it."""
    marker = item.get_closest_marker(MARKER)
    allowed = marker.args if marker else ()
    strict = marker.kwargs.get("strict", True) if marker else True
    with nplusone_checked(allowed, strict=strict):
        return (yield)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_load()
        demo_accounts_create()


@pytest.fixture(scope="module")
def seed_again_after_the_flush(django_db_blocker):
    """A transactional test (the concurrency tests, the browser's live server) empties
    every table when it ends: put the seed and the demo accounts back for the tests that
    follow on this database. Module scope, so that this runs after the test's own flush
    (a function-scoped fixture would be torn down before it)."""
    yield
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


# The fixtures that open the test database, the transactional one first.
DATABASE_FIXTURES = ["transactional_db", "django_db_reset_sequences", "db"]


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Counters in the cache (API throttling, password reset mails) start at zero. The
    cache is a table in the test database: only tests that use the database reach it."""
    uses = [name for name in DATABASE_FIXTURES if name in request.fixturenames]
    if uses:
        request.getfixturevalue(uses[0])  # open the database before this fixture uses it
    elif request.node.get_closest_marker("django_db") is None:
        return
    from django.core.cache import cache

    cache.clear()
