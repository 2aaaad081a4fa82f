"""Limits and counters live in a cache every process shares: by default a table in the
database (made by migrate), or Redis from CACHE_URL; counting is atomic and keeps the
window a counter was started with."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone

from citydeal import ratelimit
from tests.setup.test_settings import run_python

pytestmark = pytest.mark.django_db

CACHE_CONFIG = (
    "import django; django.setup(); from django.conf import settings; "
    "c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"
)


def test_the_default_cache_is_a_table_that_migrate_made():
    with connection.cursor() as cursor:
        assert "cdor_cache" in connection.introspection.table_names(cursor)
    cache.set("shared", 42)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cdor_cache")
        assert cursor.fetchone()[0] == 1  # in the database, where every process reads it


def test_the_cache_comes_from_cache_url():
    result = run_python(CACHE_CONFIG, DEBUG="1")
    assert result.stdout.split() == ["citydeal.cache.DatabaseCache", "cdor_cache"], result.stderr
    result = run_python(CACHE_CONFIG, DEBUG="1", CACHE_URL="redis://127.0.0.1:6379/1")
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
    ], result.stderr


def test_the_token_lifetime_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.REST_KNOX['TOKEN_TTL'].days)"
    )
    assert run_python(code, DEBUG="1").stdout.split() == ["30"]
    assert run_python(code, DEBUG="1", API_TOKEN_TTL_DAYS="7").stdout.split() == ["7"]


def test_an_hourly_count_still_counts_after_five_minutes():
    """Django's incr() of the database cache wrote the value back with the default
    timeout (five minutes): an hourly limit started again after five minutes."""
    assert [ratelimit.hit("hourly", period=3600) for _ in range(3)] == [1, 2, 3]
    later = timezone.now() + datetime.timedelta(minutes=6)
    with (
        mock.patch("django.core.cache.backends.db.tz_now", return_value=later),
        mock.patch("citydeal.cache.tz_now", return_value=later),
    ):
        assert ratelimit.hit("hourly", period=3600) == 4


def test_a_window_ends_after_its_period():
    assert [ratelimit.hit("short", period=60) for _ in range(2)] == [1, 2]
    later = timezone.now() + datetime.timedelta(seconds=61)
    with (
        mock.patch("django.core.cache.backends.db.tz_now", return_value=later),
        mock.patch("citydeal.cache.tz_now", return_value=later),
    ):
        assert ratelimit.hit("short", period=60) == 1


def test_a_hit_in_the_last_second_of_a_window_counts():
    """Expiries are whole seconds: in the window's last second ``add()`` still sees the
    key, so ``incr()`` must too (else the API answered 500 once a minute under load)."""
    assert ratelimit.hit("edge", period=60) == 1
    last_second = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=60)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cdor_cache SET expires = %s WHERE cache_key = %s",
            [connection.ops.adapt_datetimefield_value(last_second), cache.make_key("edge")],
        )
    within = last_second + datetime.timedelta(microseconds=500_000)
    with (
        mock.patch("django.core.cache.backends.db.tz_now", return_value=within),
        mock.patch("citydeal.cache.tz_now", return_value=within),
    ):
        assert ratelimit.hit("edge", period=60) == 2


def test_incr_of_a_missing_key_is_refused():
    with pytest.raises(ValueError):
        cache.incr("never-added")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
def test_parallel_counting_loses_no_hit():
    """Ten connections count at the same moment; each hit is counted once."""
    key = "parallel-hits"
    start = threading.Barrier(10)
    errors: list[BaseException] = []

    def count() -> None:
        try:
            start.wait()
            for _ in range(20):
                ratelimit.hit(key, period=600)
        except BaseException as error:  # noqa: BLE001 - any failure is the finding
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    result: list[int] = []

    def read_and_clean() -> None:  # the rows are committed outside this test's transaction
        result.append(cache.get(key))
        cache.delete(key)
        cache.delete(f"{key}:start")
        connections.close_all()

    reader = threading.Thread(target=read_and_clean)
    reader.start()
    reader.join(timeout=30)
    assert errors == []
    assert result == [200]
