"""N+1 detection for the test suite (django-zeal), used by ``tests/conftest.py``.

Every test body runs inside ``nplusone_checked()``, and the test settings put
``nplusone_middleware`` first, so each request is checked on its own as well. zeal
calls it an N+1 when, within one check, the same line of code loads the same relation
lazily for ``ZEAL_NPLUSONE_THRESHOLD`` (2) objects that came from one query (e.g.
``req.activity.team`` per row of a list), or calls ``.get()`` on the same model that
many times. Objects loaded on their own (``.get()``, ``.first()``) do not count.

A test body looks rows up one by one (a row per role, a login per client) and acts as
several users in turn, each of whom reads its own role links once; so there repeated
``.get()`` calls and users' role links do not count (``TEST_BODY_ALLOWS``). In a
request everything counts. Other set-up code in a test body (factories, seed loading)
that is not what the test is about can be wrapped in ``zeal.zeal_ignore()``.

A known N+1 that another change fixes is allowed, for the time being, with the
marker ``@pytest.mark.known_nplusone("app.Model.field", ..., reason="...")``, or by
naming the tests in ``KNOWN_NPLUSONE`` below. The allowance is strict: any other N+1
still fails the test, and so does an allowed one that no longer happens (then remove
the marker); ``strict=False`` only for a test that runs many cases under one name.
"""

import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.test import override_settings
from django_tasks.backends.immediate import ImmediateBackend
from zeal import NPlusOneError, setup, teardown, zeal_context, zeal_ignore
from zeal.signals import nplusone_detected

MARKER = "known_nplusone"

# What a test body may repeat: looking rows up one by one, and acting as another user
# (``User.has_role`` and the role links of ``citydeal.verdicts`` read once per user).
TEST_BODY_ALLOWS = [
    {"model": "*", "field": "get()"},
    {"model": "accounts.User", "field": "groups"},
    {"model": "accounts.User", "field": "led_teams"},
    {"model": "accounts.User", "field": "owned_cases"},
]

# Tests allowed a known N+1 (node id: the N+1, why, strict); none today.
KNOWN_NPLUSONE: dict[str, tuple[str, str, bool]] = {}

_DETECTED = re.compile(r"N\+1 detected on (?P<name>\S+)")


class NPlusOneAllowanceUnused(AssertionError):
    """A ``known_nplusone`` allowance names an N+1 that did not happen."""


def detected_name(message: str) -> str:
    """``"activities.Activity.team"`` from zeal's message about that N+1."""
    match = _DETECTED.match(message)
    return match["name"] if match else message


@contextmanager
def nplusone_checked(allowed: Sequence[str] = (), *, strict: bool = True) -> Iterator[list[str]]:
    """Run the block under N+1 detection, as a test body.

    Without ``allowed``, an N+1 raises ``zeal.NPlusOneError`` where it happens. With
    ``allowed`` (``"app.Model.field"`` names), N+1s are recorded instead and checked
    when the block ends: one not allowed raises ``NPlusOneError``, and (``strict``) an
    allowed one that did not happen raises ``NPlusOneAllowanceUnused``. Yields the
    messages recorded.
    """
    seen: list[str] = []
    if not allowed:
        with zeal_context(), zeal_ignore(TEST_BODY_ALLOWS):
            yield seen
        return

    def record(sender, exception, **kwargs):
        seen.append(str(exception))

    nplusone_detected.connect(record, weak=False)
    try:
        with override_settings(ZEAL_RAISE=False), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"N\+1 detected", category=UserWarning)
            with zeal_context(), zeal_ignore(TEST_BODY_ALLOWS):
                yield seen
    finally:
        nplusone_detected.disconnect(record)
    names = {detected_name(message) for message in seen}
    unexpected = sorted({message for message in seen if detected_name(message) not in allowed})
    if unexpected:
        raise NPlusOneError("\n".join(unexpected))
    unused = sorted(set(allowed) - names)
    if unused and strict:
        raise NPlusOneAllowanceUnused(
            f"No N+1 on {', '.join(unused)} any more: remove it from @pytest.mark.{MARKER}."
        )


def nplusone_middleware(get_response):
    """Checks each request on its own: counts start at zero, and what a test body allows
    itself (``TEST_LOOKUPS``, ``zeal_ignore``) does not hold for the portal's code."""

    def middleware(request):
        around = setup()  # the token that gives the test body its context back
        teardown()
        setup()
        try:
            return get_response(request)
        finally:
            teardown(around)

    return middleware


class CheckedImmediateBackend(ImmediateBackend):
    """The test settings' task backend: runs each task at once, as the immediate backend
    does, and checks it for N+1s on its own, as the worker would run it (and as
    ``nplusone_middleware`` checks each request). Tasks queued one after the other in a
    test, e.g. a mail per booking of a cancelled workshop, are not one unit of work."""

    def _execute_task(self, task_result):
        around = setup()
        teardown()
        setup()
        try:
            return super()._execute_task(task_result)
        finally:
            teardown(around)
