"""The HTTP clients of a benchmark run: one user in a row, and many users at once.

Plain ``http.client`` with one connection per user (reopened when the server closes it,
as gunicorn's sync workers do after every response) and the session cookie of the
target's account.
"""

import http.client
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

SESSION_COOKIE = "sessionid"


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0..1) percentile, interpolated between the nearest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_figures(seconds: Sequence[float]) -> dict:
    """Median and p95 in milliseconds."""
    if not seconds:
        return {"median_ms": None, "p95_ms": None}
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
    }


class Connection:
    """One user's connection to the server."""

    def __init__(self, host: str, port: int, timeout: float = 120):
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def get(self, path: str, session: str) -> tuple[int, int, float]:
        """Status, body size and seconds of one GET; status 0 when the request failed."""
        start = time.perf_counter()
        try:
            self.conn.request("GET", path, headers={"Cookie": f"{SESSION_COOKIE}={session}"})
            response = self.conn.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            return 0, 0, time.perf_counter() - start
        return status, len(body), time.perf_counter() - start

    def close(self) -> None:
        self.conn.close()


def time_single(
    connection: Connection,
    path: str,
    session: str,
    *,
    repeat: int,
    budget_s: float,
    warm: int = 2,
    minimum: int = 3,
) -> dict:
    """One user reads ``path`` ``repeat`` times in a row, after ``warm`` unmeasured reads
    (templates and caches of the workers); stops early once ``budget_s`` seconds have
    passed (warming included) and it has ``minimum`` samples."""
    started = time.perf_counter()
    for _ in range(warm):
        connection.get(path, session)
    seconds, statuses, size = [], set(), 0
    for _ in range(repeat):
        status, size, elapsed = connection.get(path, session)
        statuses.add(status)
        seconds.append(elapsed)
        if len(seconds) >= minimum and time.perf_counter() - started > budget_s:
            break
    return {
        **latency_figures(seconds),
        "samples": len(seconds),
        "kb": round(size / 1024, 1),
        "statuses": sorted(statuses),
    }


@dataclass
class Step:
    """One request of a user's round: what it is called in the report, and how to ask."""

    key: str
    path: str
    account: str


@dataclass
class LoadResult:
    elapsed_s: float
    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    # How the errors were answered: HTTP status, or 0 for no answer (connection failed).
    error_statuses: dict[int, int] = field(default_factory=dict)

    def figures(self) -> dict:
        """Per step and overall: requests, requests/s, median, p95, errors."""

        def row(seconds: list[float], errors: int) -> dict:
            return {
                "requests": len(seconds) + errors,
                "rps": round(len(seconds) / self.elapsed_s, 2) if self.elapsed_s else 0.0,
                **latency_figures(seconds),
                "errors": errors,
            }

        keys = list(dict.fromkeys([*self.seconds, *self.errors]))
        per_step = {key: row(self.seconds.get(key, []), self.errors.get(key, 0)) for key in keys}
        everything = [value for values in self.seconds.values() for value in values]
        overall = row(everything, sum(self.errors.values()))
        overall["error_statuses"] = {str(k): v for k, v in sorted(self.error_statuses.items())}
        return {"elapsed_s": round(self.elapsed_s, 1), "steps": per_step, "overall": overall}


def run_load(
    connect: Callable[[], Connection],
    steps: Sequence[Step],
    sessions: dict[str, list[str]],
    *,
    users: int,
    duration_s: float,
    think_s: float = 0.0,
) -> LoadResult:
    """``users`` threads, each with its own connection and sessions, go round ``steps``
    (each starting elsewhere in the round) for ``duration_s`` seconds, pausing ``think_s``
    seconds after each answer. A request that is not answered 200 counts as an error."""
    seconds: dict[str, list[float]] = {step.key: [] for step in steps}
    errors: dict[str, int] = {step.key: 0 for step in steps}
    error_statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + duration_s

    def user(number: int) -> None:
        connection = connect()
        mine = {account: cookies[number % len(cookies)] for account, cookies in sessions.items()}
        index = number * len(steps) // users
        while time.perf_counter() < deadline:
            step = steps[index % len(steps)]
            index += 1
            status, _, elapsed = connection.get(step.path, mine[step.account])
            with lock:
                if status == 200:
                    seconds[step.key].append(elapsed)
                else:
                    errors[step.key] += 1
                    error_statuses[status] = error_statuses.get(status, 0) + 1
            if think_s:
                time.sleep(think_s)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(number,)) for number in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(time.perf_counter() - started, seconds, errors, error_statuses)
