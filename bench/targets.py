"""The targets of issue 9, judged on the figures of a benchmark run.

Every target is judged at the largest scale of the run; "not growing" compares the
query counts of the largest scale with the smallest. A target without figures (a phase
that was skipped) is neither met nor missed.
"""

from dataclasses import dataclass, field

QUERY_LIMIT = 25
MEDIAN_LIMIT_MS = 150
P95_LIMIT_MS = 500
BARE_RATIO_MIN = 0.8
WORKER_LIMIT_MB = 250
UPDATE_LIMIT_S = 10
UPDATE_LIMIT_MB = 300


@dataclass
class Miss:
    """One thing that misses a target; ``ident`` stays the same between runs."""

    ident: str
    figures: str


@dataclass
class Verdict:
    target: str
    met: bool | None
    detail: str
    misses: list[Miss] = field(default_factory=list)

    @property
    def result(self) -> str:
        return {True: "met", False: "missed", None: "not measured"}[self.met]


def _verdict(target: str, misses: list[Miss], detail: str, measured: bool = True) -> Verdict:
    return Verdict(target, (not misses) if measured else None, detail, misses)


def _measured(scale: dict) -> list[tuple[str, dict]]:
    """The pages and API lists of a scale (the bare view is the reference, not a target)."""
    return [(key, row) for key, row in scale["targets"].items() if row["kind"] != "bare"]


def judge_queries(smallest: dict, largest: dict) -> Verdict:
    misses = []
    for key, row in _measured(largest):
        if row["queries"] > QUERY_LIMIT:
            misses.append(Miss(f"queries {key}", f"{row['queries']} queries"))
        before = smallest["targets"].get(key)
        if smallest is not largest and before and row["queries"] > before["queries"]:
            misses.append(
                Miss(
                    f"growing queries {key}",
                    f"{before['queries']} queries at {smallest['scale']}x, "
                    f"{row['queries']} at {largest['scale']}x",
                )
            )
    most = max((row["queries"] for _, row in _measured(largest)), default=0)
    detail = f"at most {most} queries at {largest['scale']}x"
    if smallest is largest:
        detail += " (one scale: growth not measured)"
    return _verdict(
        f"at most {QUERY_LIMIT} queries per page and list, not growing with the data",
        misses,
        detail,
    )


def judge_status(largest: dict) -> Verdict:
    misses = [
        Miss(f"status {key}", f"answered {', '.join(map(str, row['statuses']))}")
        for key, row in _measured(largest)
        if row.get("statuses") != [200]
    ]
    return _verdict("every page and list answers 200", misses, f"{len(_measured(largest))} read")


def judge_median(largest: dict) -> Verdict:
    misses = [
        Miss(f"median {key}", f"median {row['median_ms']:.0f} ms")
        for key, row in _measured(largest)
        if row["median_ms"] is not None and row["median_ms"] >= MEDIAN_LIMIT_MS
    ]
    slowest = max((row["median_ms"] or 0 for _, row in _measured(largest)), default=0)
    return _verdict(
        f"single-user median under {MEDIAN_LIMIT_MS} ms for every page and list",
        misses,
        f"slowest median {slowest:.0f} ms",
    )


def judge_load(largest: dict, users: int) -> Verdict:
    load = largest.get("load")
    target = f"p95 under {P95_LIMIT_MS} ms at {users} users, 0 errors"
    if not load:
        return _verdict(target, [], "no load phase", measured=False)
    misses = []
    for key, row in load["steps"].items():
        if row["p95_ms"] is None or row["p95_ms"] >= P95_LIMIT_MS:
            shown = "no answer" if row["p95_ms"] is None else f"p95 {row['p95_ms']:.0f} ms"
            misses.append(Miss(f"p95 under load {key}", shown))
        if row["errors"]:
            misses.append(Miss(f"errors under load {key}", f"{row['errors']} errors"))
    overall = load["overall"]
    detail = (
        f"overall p95 {overall['p95_ms'] or 0:.0f} ms, {overall['rps']:.1f} requests/s, "
        f"{overall['errors']} errors"
    )
    return _verdict(target, misses, detail)


def judge_ratio(largest: dict) -> Verdict:
    alone = largest.get("alone")
    target = f"API list throughput at least {BARE_RATIO_MIN}x the bare view"
    if not alone:
        return _verdict(target, [], "no throughput phase", measured=False)
    misses = [
        Miss(f"throughput {key}", f"{row['ratio']:.2f}x the bare view")
        for key, row in alone["lists"].items()
        if row["ratio"] < BARE_RATIO_MIN
    ]
    lowest = min((row["ratio"] for row in alone["lists"].values()), default=0)
    return _verdict(target, misses, f"lowest {lowest:.2f}x")


def judge_memory(largest: dict) -> Verdict:
    memory = largest.get("memory")
    target = f"a worker under {WORKER_LIMIT_MB} MB"
    if not memory or not memory.get("workers_mb"):
        return _verdict(target, [], "not read", measured=False)
    misses = []
    if memory["peak_mb"] >= WORKER_LIMIT_MB:
        misses.append(Miss("worker memory", f"peak {memory['peak_mb']:.0f} MB"))
    return _verdict(target, misses, f"peak {memory['peak_mb']:.0f} MB")


def judge_plans(largest: dict) -> Verdict:
    plans = largest.get("plans") or []
    checked = [plan for plan in plans if "error" not in plan]
    misses = [
        Miss(f"whole table {plan['label']}", f"Seq Scan on {', '.join(plan['whole_table'])}")
        for plan in checked
        if plan["whole_table"]
    ]
    return _verdict(
        "no list reads a whole table to show 50 rows (EXPLAIN)",
        misses,
        f"{len(checked)} list queries checked",
        measured=bool(checked),
    )


def judge_update(largest: dict) -> Verdict:
    update = largest.get("update")
    target = f"the directors' update workbook in under {UPDATE_LIMIT_S} s and {UPDATE_LIMIT_MB} MB"
    if not update:
        return _verdict(target, [], "not built", measured=False)
    misses = []
    if update["build_s"] >= UPDATE_LIMIT_S:
        misses.append(Miss("update workbook time", f"{update['build_s']} s"))
    if update["peak_mb"] >= UPDATE_LIMIT_MB:
        misses.append(Miss("update workbook memory", f"peak {update['peak_mb']} MB"))
    return _verdict(target, misses, f"{update['build_s']} s, peak {update['peak_mb']} MB")


def judge(results: dict) -> list[Verdict]:
    """Every target, judged at the largest scale of ``results``."""
    scales = sorted(results["scales"], key=lambda scale: scale["scale"])
    smallest, largest = scales[0], scales[-1]
    return [
        judge_queries(smallest, largest),
        judge_status(largest),
        judge_median(largest),
        judge_load(largest, results["settings"]["users"]),
        judge_ratio(largest),
        judge_memory(largest),
        judge_plans(largest),
        judge_update(largest),
    ]
