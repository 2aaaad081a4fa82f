"""Calls at the same moment, each in its own thread with its own database connection
(PostgreSQL: the concurrency tests), started together by a barrier."""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection

# The concurrency tests' mark: SQLite runs one writer at a time (and its in-memory test
# database is invisible to other connections).
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent connections need PostgreSQL"
)


@dataclass
class Outcome:
    done: list = field(default_factory=list)  # what each call that went through returned
    refused: list[BaseException] = field(default_factory=list)  # the expected refusals
    other: list[BaseException] = field(default_factory=list)  # any other failure: a finding


def run_parallel(
    calls: list[Callable[[], object]], *, refusal: type[BaseException], timeout: float = 60
) -> Outcome:
    """Runs ``calls`` at once; a ``refusal`` counts as refused, anything else raised as other."""
    from django.db import connections

    start = threading.Barrier(len(calls))
    outcome = Outcome()
    lock = threading.Lock()

    def run(call) -> None:
        try:
            start.wait()
            result = call()
            with lock:
                outcome.done.append(result)
        except refusal as error:
            with lock:
                outcome.refused.append(error)
        except BaseException as error:  # noqa: BLE001 - every other failure is the finding
            with lock:
                outcome.other.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a call did not finish"
    return outcome
