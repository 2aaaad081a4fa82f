"""Counting towards a limit in the shared cache, atomically in every process.

A window starts with the first hit on a key and lasts ``period`` seconds; ``hit()`` adds
one and says how many hits the window has had. The count is ``cache.incr()`` (atomic in
Redis and in the portal's database cache), never a ``get()`` followed by a ``set()``,
which two processes would both pass at the same moment.
"""

import time

from django.core.cache import cache


def _start_key(key: str) -> str:
    return f"{key}:start"


def hit(key: str, *, period: int) -> int:
    """One more hit on ``key``; the number of hits in its current window."""
    try:
        count = cache.incr(key)
    except ValueError:  # no window yet, or it ended
        if cache.add(key, 1, timeout=period):
            cache.set(_start_key(key), time.time(), timeout=period)
            return 1
        count = cache.incr(key)  # another process opened the window first
    if count == 1:
        # Redis' incr() of a key that expired between its exists() and incr() creates it
        # without an expiry: give it one, or the limit would never end.
        cache.touch(key, period)
    return count


def seconds_left(key: str, *, period: int) -> float:
    """Until the window of ``key`` ends (at most ``period``)."""
    started = cache.get(_start_key(key))
    if started is None:
        return float(period)
    return max(0.0, started + period - time.time())
