"""docs/performance.md from the figures of a benchmark run.

The whole file is written by ``bench/run.py``. The one part written by hand is the
cause after each miss in "Misses and causes": a new run keeps the cause of a miss that
it finds again (matched by the miss's name).
"""

import re

from bench.targets import Verdict

CAUSE_PLACEHOLDER = "(cause to be added)"
_MISS_LINE = re.compile(r"^- \*\*(?P<ident>.+?)\*\*: .*? Cause: (?P<cause>.*)$")


def causes_in(text: str) -> dict[str, str]:
    """The hand-written causes of an earlier report, by the miss's name."""
    causes = {}
    for line in text.splitlines():
        match = _MISS_LINE.match(line)
        if match and match["cause"].strip() != CAUSE_PLACEHOLDER:
            causes[match["ident"]] = match["cause"].strip()
    return causes


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _table(header: list[str], rows: list[list[str]], right_from: int = 1) -> list[str]:
    align = ["---" if i < right_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _scales(results: dict) -> list[dict]:
    return sorted(results["scales"], key=lambda scale: scale["scale"])


def _machine(results: dict) -> list[str]:
    machine = results["machine"]
    settings = results["settings"]
    return [
        f"- Date: {results['date']}; the whole run took {results['duration_s'] / 60:.1f} minutes.",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM; "
        f"Python {machine['python']}, Django {machine['django']}, "
        f"PostgreSQL {machine['postgresql']}, gunicorn {machine['gunicorn']}.",
        f"- Load average when the run started (1, 5, 15 minutes): "
        f"{machine.get('load_average', 'not read')}; other work on the machine slows every "
        "figure.",
        f"- Server: gunicorn with {settings['workers']} sync workers, DEBUG off "
        "(`bench/settings.py`: the production settings over plain HTTP, API throttles raised "
        "out of the way); the clients run on the same machine.",
        f"- Command: `{results['command']}`",
    ]


def _targets(verdicts: list[Verdict], largest: int) -> list[str]:
    rows = [[v.target, f"**{v.result}**", v.detail] for v in verdicts]
    return [f"## Targets at {largest}x", "", *_table(["target", "result", "detail"], rows, 9)]


def _data(results: dict, scales: list[dict]) -> list[str]:
    labels = list(dict.fromkeys(label for scale in scales for label in scale["rows"]))
    header = ["table", *(f"{scale['scale']}x" for scale in scales)]
    rows = [[label, *(f"{scale['rows'].get(label, 0):,}" for scale in scales)] for label in labels]
    if results.get("seed_build_s") is None:
        how = "Databases of an earlier run, used as they were (`--reuse-db`)."
    else:
        builds = ", ".join(f"{scale['scale']}x {scale['build_s']:.0f} s" for scale in scales)
        how = (
            f"Each scale is a copy of one database made with migrate and seed_demo "
            f"({results['seed_build_s']:.0f} s), then generate_scale_data --scale N above 1x, "
            f"then ANALYZE ({builds})."
        )
    return [
        "## Data",
        "",
        how,
        "",
        "Rows in the main tables (all programmes):",
        "",
        *_table(header, rows),
    ]


def _single(scales: list[dict], repeat: int) -> list[str]:
    header = ["page or list (account)"]
    for scale in scales:
        x = f"{scale['scale']}x"
        header += [f"queries {x}", f"median ms {x}", f"p95 ms {x}", f"KB {x}"]
    keys = list(dict.fromkeys(key for scale in scales for key in scale["targets"]))
    rows = []
    for key in keys:
        row = [f"`{key}`"]
        for scale in scales:
            figures = scale["targets"].get(key)
            if figures is None:
                row += ["-"] * 4
                continue
            notes = []
            if figures.get("samples", repeat) < repeat:
                notes.append(f"n={figures['samples']}")
            if figures.get("statuses") != [200]:
                notes.append("answered " + ", ".join(map(str, figures.get("statuses", []))))
            row += [
                str(figures["queries"]),
                _ms(figures["median_ms"]) + (f" ({'; '.join(notes)})" if notes else ""),
                _ms(figures["p95_ms"]),
                f"{figures['kb']:.0f}",
            ]
        rows.append(row)
    return [
        "## One user",
        "",
        f"Queries counted in-process (Django's test client, second request); median and p95 "
        f"of {repeat} requests in a row over HTTP to gunicorn after two unmeasured ones (a "
        "slow page stops earlier: n= says how many).",
        "",
        *_table(header, rows),
    ]


def _load(scales: list[dict], settings: dict) -> list[str]:
    lines = [
        f"## Load: {settings['users']} users for {settings['duration_s']} s",
        "",
        "Each user logged in (a session per account), one connection each, going round every "
        "page and list above; a request that is not answered 200 is an error.",
    ]
    think = settings.get("think_s", 0)
    if think:
        lines += ["", f"Each user pauses {think:g} s after each answer."]
    else:
        lines += [
            "",
            "No pause between a user's requests: a request waits for those ahead of it, so "
            "every page's median is about users / requests/s, and the p95 target asks for "
            f"more than {settings['users'] / 0.5:.0f} requests/s.",
        ]
    for scale in scales:
        load = scale.get("load")
        if not load:
            continue
        rows = [
            [
                f"`{key}`",
                f"{row['rps']:.1f}",
                _ms(row["median_ms"]),
                _ms(row["p95_ms"]),
                str(row["errors"]),
            ]
            for key, row in load["steps"].items()
        ]
        overall = load["overall"]
        rows.append(
            [
                "**all**",
                f"**{overall['rps']:.1f}**",
                f"**{_ms(overall['median_ms'])}**",
                f"**{_ms(overall['p95_ms'])}**",
                f"**{overall['errors']}**",
            ]
        )
        lines += [
            "",
            f"### {scale['scale']}x",
            "",
            *_table(["page or list", "requests/s", "median ms", "p95 ms", "errors"], rows),
        ]
        if overall.get("error_statuses"):
            answers = ", ".join(
                f"{'no answer' if status == '0' else status}: {count}"
                for status, count in overall["error_statuses"].items()
            )
            lines += ["", f"Errors by answer: {answers}."]
    return lines


def _alone(scales: list[dict], settings: dict) -> list[str]:
    lines = [
        "## API lists against the bare view",
        "",
        f"Each alone at {settings['users']} users for {settings['alone_s']} s: the bare view "
        "(`bench/views.py`: the spending requests API list's 50 rows with `values()` and "
        "`JsonResponse`, same session) before and after the lists; the ratio is a list's "
        "requests/s over the mean of the two bare runs.",
    ]
    for scale in scales:
        alone = scale.get("alone")
        if not alone:
            continue
        before, after = alone["bare_rps"]
        rows = [
            [f"`{key}`", f"{row['rps']:.1f}", f"{row['ratio']:.2f}", str(row["errors"])]
            for key, row in alone["lists"].items()
        ]
        lines += [
            "",
            f"### {scale['scale']}x: bare view {before:.1f} requests/s before, {after:.1f} after",
            "",
            *_table(["list", "requests/s", "ratio to bare", "errors"], rows),
        ]
    return lines


def _memory(scales: list[dict]) -> list[str]:
    rows = [
        [
            f"{scale['scale']}x",
            f"{scale['memory']['peak_mb']:.0f}",
            ", ".join(f"{mb:.0f}" for mb in scale["memory"]["workers_mb"]),
        ]
        for scale in scales
        if scale.get("memory")
    ]
    return [
        "## Worker memory",
        "",
        "Peak resident memory of each gunicorn worker over the whole scale (VmHWM, and VmRSS "
        "polled every half second).",
        "",
        *_table(["scale", "peak MB", "each worker MB"], rows),
    ]


def _update(scales: list[dict]) -> list[str]:
    rows = [
        [
            f"{scale['scale']}x",
            f"{scale['update']['activities']}",
            f"{scale['update']['queries']}",
            f"{scale['update']['read_s']:.2f}",
            f"{scale['update']['build_s']:.2f}",
            f"{scale['update']['file_kb']}",
            f"{scale['update']['peak_mb']}",
        ]
        for scale in scales
        if scale.get("update")
    ]
    return [
        "## The directors' update workbook",
        "",
        "`bench/update.py` in a process of its own: the dashboard's figures and the teams' "
        "planning read, then the workbook written (`reporting.report.report_xlsx`); the "
        "process's peak resident memory, Django included.",
        "",
        *_table(
            ["scale", "activities", "queries", "read s", "built s", "file KB", "peak MB"], rows
        ),
    ]


def _plans(largest: dict) -> list[str]:
    plans = largest.get("plans") or []
    rows = []
    for plan in plans:
        if "error" in plan:
            rows.append([plan["label"], f"`{plan['key']}`", "-", "-", plan["error"]])
            continue
        verdict = (
            "reads whole table: " + ", ".join(plan["whole_table"])
            if plan["whole_table"]
            else "no whole-table read"
        )
        rows.append(
            [
                plan["label"],
                f"`{plan['key']}`",
                f"{plan['execution_ms']:.1f}",
                f"{plan['rows_read']:,}",
                verdict,
            ]
        )
    lines = [
        f"## EXPLAIN at {largest['scale']}x",
        "",
        "The list query (the slowest ordered SELECT on the table) that the page or list runs, "
        "with EXPLAIN (ANALYZE); a Seq Scan on a table of 1,000 rows or more counts as reading "
        "the whole table. Rows read: rows every scan looked at, filtered out ones included.",
        "",
        *_table(["list", "read by", "ms", "rows read", "verdict"], rows, 2),
    ]
    for plan in plans:
        if "outline" in plan:
            lines += ["", f"{plan['label']} (`{plan['key']}`):", "", "```", *plan["outline"], "```"]
    return lines


def _misses(verdicts: list[Verdict], causes: dict[str, str]) -> list[str]:
    lines = ["## Misses and causes", ""]
    misses = [miss for verdict in verdicts for miss in verdict.misses]
    if not misses:
        return [*lines, "None: every measured target is met."]
    lines.append(
        "Found by the command; the cause after each is written by hand and kept by the next run."
    )
    lines.append("")
    for miss in misses:
        cause = causes.get(miss.ident, CAUSE_PLACEHOLDER)
        lines.append(f"- **{miss.ident}**: {miss.figures}. Cause: {cause}")
    return lines


def render(results: dict, verdicts: list[Verdict], causes: dict[str, str] | None = None) -> str:
    """The report as Markdown."""
    scales = _scales(results)
    settings = results["settings"]
    sections = [
        [
            "# Performance",
            "",
            "Written by `bench/run.py` (see `bench/README.md`).",
            "",
            *_machine(results),
        ],
        _targets(verdicts, scales[-1]["scale"]),
        _data(results, scales),
        _single(scales, settings["repeat"]),
        _load(scales, settings),
        _alone(scales, settings),
        _memory(scales),
        _update(scales),
        _plans(scales[-1]),
        _misses(verdicts, causes or {}),
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
