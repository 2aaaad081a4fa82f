"""The parts of the benchmark command that need no server: the figures, the targets and
the report. The full run (bench/run.py) is no test."""

import copy

import pytest

from bench import report, targets
from bench.httpload import LoadResult, percentile
from bench.plans import WHOLE_TABLE_ROWS, summarise


def scale_figures(
    scale: int,
    *,
    queries=10,
    median=40.0,
    p95=400.0,
    ratio=0.9,
    peak=120.0,
    update_s=4.0,
    update_mb=150,
):
    def row(kind: str, path: str, q: int = queries) -> dict:
        return {
            "kind": kind,
            "path": path,
            "account": "kernteam1",
            "queries": q,
            "status": 200,
            "bytes": 2048,
            "median_ms": median,
            "p95_ms": median * 2,
            "kb": 2.0,
            "samples": 30,
            "statuses": [200],
        }

    return {
        "scale": scale,
        "database": f"cdor_bench_{scale}",
        "build_s": 10.0 * scale,
        "rows": {"spending.SpendingRequest": 48 * scale},
        "targets": {
            "/ (directeur)": row("page", "/"),
            "/api/v1/teams/ (kernteam1)": row("api", "/api/v1/teams/"),
            "/bench/bare/spending-requests/ (kernteam1)": row("bare", "/bench/bare/", 99),
        },
        "load": {
            "elapsed_s": 60.0,
            "steps": {
                "/ (directeur)": {
                    "requests": 600,
                    "rps": 10.0,
                    "median_ms": 90.0,
                    "p95_ms": p95,
                    "errors": 0,
                },
            },
            "overall": {
                "requests": 600,
                "rps": 10.0,
                "median_ms": 90.0,
                "p95_ms": p95,
                "errors": 0,
                "error_statuses": {},
            },
        },
        "alone": {
            "bare_rps": [50.0, 50.0],
            "lists": {
                "/api/v1/teams/ (kernteam1)": {"rps": 50.0 * ratio, "ratio": ratio, "errors": 0}
            },
        },
        "memory": {"peak_mb": peak, "workers_mb": [peak - 10, peak]},
        "update": {
            "build_s": update_s,
            "read_s": 1.0,
            "queries": 25,
            "activities": 48 * scale,
            "file_kb": 8 * scale,
            "peak_mb": update_mb,
            "before_mb": 60,
        },
        "plans": [
            {
                "label": "cases",
                "key": "/cases/ (directeur)",
                "table": "cases_case",
                "execution_ms": 0.4,
                "rows_returned": 50,
                "rows_read": 60,
                "seq_scans": [],
                "whole_table": [],
                "outline": ["Limit (rows=50 0.4 ms)"],
            },
        ],
    }


def fake_results(small: dict | None = None, large: dict | None = None) -> dict:
    return {
        "date": "2026-11-29T23:00+01:00",
        "command": ".venv/bin/python bench/run.py --scales 1 100",
        "duration_s": 480.0,
        "seed_build_s": 40.0,
        "machine": {
            "cpu": "Test CPU",
            "cores": 2,
            "ram_gb": 4.0,
            "python": "3.11.7",
            "django": "5.2",
            "gunicorn": "23.0",
            "postgresql": "15.2",
            "load_average": "0.10 0.20 0.30",
        },
        "settings": {"users": 16, "duration_s": 60, "alone_s": 5, "repeat": 30, "workers": 2},
        "scales": [small or scale_figures(1), large or scale_figures(100)],
    }


def verdicts_of(results: dict) -> dict[str, targets.Verdict]:
    return {verdict.target: verdict for verdict in targets.judge(results)}


def test_figures_within_every_target_are_met():
    verdicts = targets.judge(fake_results())
    assert [verdict.result for verdict in verdicts] == ["met"] * len(verdicts)


@pytest.mark.parametrize(
    ("large", "ident"),
    [
        (scale_figures(100, queries=26), "queries / (directeur)"),
        (scale_figures(100, median=150.0), "median / (directeur)"),
        (scale_figures(100, p95=500.0), "p95 under load / (directeur)"),
        (scale_figures(100, ratio=0.79), "throughput /api/v1/teams/ (kernteam1)"),
        (scale_figures(100, peak=250.0), "worker memory"),
        (scale_figures(100, update_s=10.0), "update workbook time"),
        (scale_figures(100, update_mb=300), "update workbook memory"),
    ],
)
def test_a_figure_at_the_limit_misses_its_target(large, ident):
    verdicts = targets.judge(fake_results(large=large))
    missed = [miss.ident for verdict in verdicts for miss in verdict.misses]
    assert ident in missed
    assert sum(verdict.met is False for verdict in verdicts) == 1


def test_queries_that_grow_with_the_data_miss_even_under_the_limit():
    verdicts = verdicts_of(fake_results(scale_figures(1, queries=9), scale_figures(100)))
    verdict = verdicts["at most 25 queries per page and list, not growing with the data"]
    assert verdict.met is False
    assert [miss.ident for miss in verdict.misses] == [
        "growing queries / (directeur)",
        "growing queries /api/v1/teams/ (kernteam1)",
    ]
    assert "9 queries at 1x, 10 at 100x" in verdict.misses[0].figures


def test_the_bare_view_is_the_reference_not_a_target():
    # Its 99 queries in scale_figures() would miss the limit if it were judged.
    assert verdicts_of(fake_results())[
        "at most 25 queries per page and list, not growing with the data"
    ].met


def test_errors_under_load_and_a_whole_table_read_are_misses():
    large = scale_figures(100)
    large["load"]["steps"]["/ (directeur)"]["errors"] = 3
    large["plans"][0]["whole_table"] = ["cases_case"]
    missed = [m.ident for v in targets.judge(fake_results(large=large)) for m in v.misses]
    assert missed == ["errors under load / (directeur)", "whole table cases"]


def test_a_skipped_phase_is_not_measured_rather_than_met():
    large = scale_figures(100)
    large["alone"] = None
    verdict = verdicts_of(fake_results(large=large))[
        "API list throughput at least 0.8x the bare view"
    ]
    assert verdict.met is None
    assert verdict.result == "not measured"


def test_the_report_holds_machine_command_tables_and_verdicts():
    results = fake_results(large=scale_figures(100, median=180.0))
    text = report.render(results, targets.judge(results))
    assert "Test CPU, 2 cores, 4.0 GB RAM" in text
    assert "(1, 5, 15 minutes): 0.10 0.20 0.30" in text
    assert "`.venv/bin/python bench/run.py --scales 1 100`" in text
    assert "## Targets at 100x" in text
    assert "the p95 target asks for more than 32 requests/s" in text
    assert "| single-user median under 150 ms for every page and list | **missed** |" in text
    assert "| `/ (directeur)` | 10 | 40 | 80 | 2 | 10 | 180 | 360 | 2 |" in text
    assert "| spending.SpendingRequest | 48 | 4,800 |" in text
    assert "- **median / (directeur)**: median 180 ms. Cause: (cause to be added)" in text
    assert "## The directors' update workbook" in text
    assert "| 100x | 4800 | 25 | 1.00 | 4.00 | 800 | 150 |" in text


def test_a_new_report_keeps_the_causes_written_by_hand():
    results = fake_results(large=scale_figures(100, median=180.0, peak=300.0))
    first = report.render(results, targets.judge(results))
    edited = first.replace(
        "median 180 ms. Cause: (cause to be added)",
        "median 180 ms. Cause: the page renders every row.",
    )
    again = copy.deepcopy(results)
    again["scales"][1]["targets"]["/ (directeur)"]["median_ms"] = 170.0
    second = report.render(again, targets.judge(again), report.causes_in(edited))
    assert "- **median / (directeur)**: median 170 ms. Cause: the page renders every row." in second
    assert "- **worker memory**: peak 300 MB. Cause: (cause to be added)" in second


def test_a_report_without_misses_says_so():
    results = fake_results()
    assert "None: every measured target is met." in report.render(results, targets.judge(results))


def test_percentiles_interpolate_between_ranks():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.5
    assert percentile(values, 0.95) == pytest.approx(95.05)
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_load_figures_per_step_and_overall():
    result = LoadResult(
        elapsed_s=10.0,
        seconds={"a": [0.1, 0.2, 0.3], "b": [1.0]},
        errors={"a": 0, "b": 2},
        error_statuses={500: 1, 0: 1},
    )
    figures = result.figures()
    assert figures["steps"]["a"] == {
        "requests": 3,
        "rps": 0.3,
        "median_ms": 200.0,
        "p95_ms": 290.0,
        "errors": 0,
    }
    assert figures["steps"]["b"]["requests"] == 3
    assert figures["overall"]["rps"] == 0.4
    assert figures["overall"]["errors"] == 2
    assert figures["overall"]["error_statuses"] == {"0": 1, "500": 1}


def plan(node_type: str, table: str, rows: int, removed: int = 0, **extra) -> dict:
    return {
        "Node Type": node_type,
        "Relation Name": table,
        "Actual Rows": rows,
        "Actual Loops": 1,
        "Rows Removed by Filter": removed,
        "Actual Total Time": 1.0,
        **extra,
    }


def test_a_seq_scan_on_a_big_table_reads_the_whole_table():
    explained = [
        {
            "Execution Time": 12.345,
            "Plan": {
                "Node Type": "Limit",
                "Actual Rows": 50,
                "Actual Loops": 1,
                "Plans": [
                    {
                        "Node Type": "Sort",
                        "Sort Method": "top-N heapsort",
                        "Actual Rows": 50,
                        "Actual Loops": 1,
                        "Plans": [
                            {
                                "Node Type": "Hash Join",
                                "Actual Rows": 4800,
                                "Actual Loops": 1,
                                "Plans": [
                                    plan("Seq Scan", "spending_spendingrequest", 4800, removed=200),
                                    plan("Seq Scan", "teams_team", 6),
                                ],
                            }
                        ],
                    }
                ],
            },
        }
    ]
    rows = {"spending_spendingrequest": 5000, "teams_team": 6}
    summary = summarise(explained, rows)
    assert summary["whole_table"] == ["spending_spendingrequest"]
    assert summary["rows_read"] == 5006
    assert summary["execution_ms"] == 12.35
    assert summary["outline"][1] == "  Sort [top-N heapsort] (rows=50)"
    assert summary["outline"][3].startswith("      Seq Scan on spending_spendingrequest")


def test_an_index_scan_or_a_small_table_is_no_whole_table_read():
    explained = [
        {
            "Execution Time": 0.2,
            "Plan": {
                "Node Type": "Nested Loop",
                "Actual Rows": 50,
                "Actual Loops": 1,
                "Plans": [
                    plan("Index Scan", "activities_activity", 50, **{"Index Name": "by_team"}),
                    plan("Seq Scan", "teams_team", 6),
                ],
            },
        }
    ]
    summary = summarise(explained, {"activities_activity": 100_000, "teams_team": 6})
    assert WHOLE_TABLE_ROWS > 6
    assert summary["whole_table"] == []
    assert "Index Scan on activities_activity using by_team" in summary["outline"][1]


def test_a_page_cut_short_or_refused_says_so_in_the_table():
    large = scale_figures(100)
    large["targets"]["/ (directeur)"].update(samples=7, statuses=[200, 500])
    results = fake_results(large=large)
    text = report.render(results, targets.judge(results))
    assert "| 40 (n=7; answered 200, 500) |" in text
    assert "- **status / (directeur)**: answered 200, 500." in text
