"""DRF's rate throttles, counted with ``citydeal.ratelimit`` in the shared cache.

DRF's own throttles keep a list of times under a key and write it back (a ``get()`` and
a ``set()``): processes that answer at the same moment each count only their own
request. These count with ``cache.incr()``, in a window that starts with the first
request and lasts the rate's period ("20/min": a minute).
"""

from rest_framework import throttling

from citydeal import ratelimit


class AtomicRateThrottleMixin:
    """``allow_request`` of a SimpleRateThrottle, counted atomically."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        return ratelimit.hit(self.key, period=self.duration) <= self.num_requests

    def wait(self) -> float:
        return ratelimit.seconds_left(self.key, period=self.duration)


class AnonRateThrottle(AtomicRateThrottleMixin, throttling.AnonRateThrottle):
    """Anonymous requests, per client address (API_THROTTLE_ANON)."""


class UserRateThrottle(AtomicRateThrottleMixin, throttling.UserRateThrottle):
    """Authenticated requests, per user (API_THROTTLE_USER)."""


class ClientAddressRateThrottle(AtomicRateThrottleMixin, throttling.SimpleRateThrottle):
    """Every request to a view, per client address (REMOTE_ADDR), whoever it claims to be.
    Subclasses name their ``scope``, whose rate is in DEFAULT_THROTTLE_RATES."""

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
