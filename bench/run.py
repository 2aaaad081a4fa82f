"""Measure the portal on PostgreSQL at one or more data sizes and write docs/performance.md.

For each scale: a fresh database (migrate, seed_demo, generate_scale_data, ANALYZE); the
query count of every page and API list (in-process) and the EXPLAIN of the main list
queries; then gunicorn (sync workers, DEBUG off) with one user reading every page and
list in a row, many users at once, and each API list alone against the bare reference
view; the workers' peak memory; the directors' update workbook's build time and memory.
Then the report, with each target met or missed.

    .venv/bin/python bench/run.py [--scales 1 100] [--users 16] [--duration 60]
"""

import argparse
import importlib.metadata
import json
import os
import platform
import secrets
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402

from bench import pages, report, targets  # noqa: E402
from bench.httpload import Connection, Step, run_load, time_single  # noqa: E402
from bench.server import Gunicorn, WorkerMemory  # noqa: E402

GENERATE_COMMAND = "generate_scale_data"


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--users", type=int, default=16, help="concurrent users of the load")
    parser.add_argument("--duration", type=float, default=60, help="seconds of the load")
    parser.add_argument(
        "--think", type=float, default=0, help="seconds a load user pauses after each answer"
    )
    parser.add_argument(
        "--alone-duration",
        type=float,
        default=5,
        help="seconds of each API list and of the bare view alone (0: skip)",
    )
    parser.add_argument("--repeat", type=int, default=30, help="one-user requests per page")
    parser.add_argument(
        "--page-budget", type=float, default=15, help="at most this many seconds per page"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--pg",
        default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server, without a database name (or BENCH_PG)",
    )
    parser.add_argument(
        "--db-prefix", default="cdor_bench_", help="database names: <prefix><scale>"
    )
    parser.add_argument(
        "--reuse-db", action="store_true", help="use the databases of an earlier run as they are"
    )
    parser.add_argument(
        "--skip-generate",
        action="store_true",
        help=f"do not run {GENERATE_COMMAND} (every scale then holds the seed alone)",
    )
    parser.add_argument(
        "--programmes", type=int, default=0, help=f"{GENERATE_COMMAND} --programmes"
    )
    parser.add_argument("--seed", type=int, default=1, help=f"{GENERATE_COMMAND} --seed")
    args = parser.parse_args(argv)
    if any(scale < 1 for scale in args.scales):
        parser.error("every scale is 1 or more")
    if args.users < 1 or args.duration <= 0 or args.repeat < 1:
        parser.error("--users, --duration and --repeat must be positive")
    return args


# Database -------------------------------------------------------------------------------


def sql(url: str, *statements: str) -> list:
    """Run ``statements`` outside a transaction (CREATE DATABASE needs that); the rows of
    the last one that returns any."""
    connection = psycopg2.connect(url)
    connection.autocommit = True
    rows = []
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
                if cursor.description:
                    rows = cursor.fetchall()
    finally:
        connection.close()
    return rows


def maintenance_url(pg: str) -> str:
    return f"{pg.rstrip('/')}/postgres"


def generate_available() -> bool:
    return any(ROOT.glob(f"*/management/commands/{GENERATE_COMMAND}.py"))


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def build_env(url: str) -> dict[str, str]:
    # seed_demo refuses to run with DEBUG off (it is no production command).
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "citydeal.settings",
    }


def build_seed(args: argparse.Namespace) -> str:
    """The database every scale starts from: migrated, with the seed and the demo
    accounts. Its name."""
    name = f"{args.db_prefix}seed"
    url = f"{args.pg.rstrip('/')}/{name}"
    sql(
        maintenance_url(args.pg),
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    )
    log(f"{name}: migrate")
    manage(build_env(url), "migrate", "-v0")
    log(f"{name}: seed_demo")
    manage(build_env(url), "seed_demo", "-v0")
    # A snapshot of the seed's state: at 100 times the seed, /dashboard/changes/ compares
    # it with a programme that grew by every row the generator added.
    manage(build_env(url), "take_snapshot", "--by", "kernteam1", "Update (seed)", "-v0")
    return name


def build_database(args: argparse.Namespace, scale: int, seed: str, name: str) -> str:
    """A copy of the seed database with ``scale`` times its volume, analysed. Its URL."""
    url = f"{args.pg.rstrip('/')}/{name}"
    sql(
        maintenance_url(args.pg),
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{seed}"',
    )
    if scale > 1 and not args.skip_generate:
        log(f"{scale}x: {GENERATE_COMMAND} --scale {scale}")
        manage(
            build_env(url),
            GENERATE_COMMAND,
            "--scale",
            str(scale),
            "--programmes",
            str(args.programmes),
            "--seed",
            str(args.seed),
        )
    # What autovacuum does some time after a bulk load: the planner's statistics.
    sql(url, "ANALYZE")
    return url


def machine_facts(pg: str) -> dict:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        ram_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    with open("/proc/loadavg") as loadavg:
        load_average = " ".join(loadavg.read().split()[:3])
    postgresql = sql(maintenance_url(pg), "SHOW server_version")[0][0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(ram_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "django": importlib.metadata.version("django"),
        "gunicorn": importlib.metadata.version("gunicorn"),
        "postgresql": postgresql,
        "load_average": load_average,
    }


# One scale ------------------------------------------------------------------------------


def server_env(url: str, static_root: str, secret_key: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "STATIC_ROOT": static_root,
        # The load sends far more than a person: the throttles (still counted) never refuse.
        "API_THROTTLE_USER": "1000000/min",
        "API_THROTTLE_ANON": "1000000/min",
    }


def measure_scale(args, scale: int, env: dict[str, str], workdir: Path) -> dict:
    probe_path = workdir / f"probe-{scale}.json"
    log(f"{scale}x: queries, plans and sessions (in-process)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.probe",
            "--out",
            str(probe_path),
            "--sessions",
            str(args.users),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    probe = json.loads(probe_path.read_text())
    sessions = probe.pop("sessions")
    update_path = workdir / f"update-{scale}.json"
    log(f"{scale}x: the directors' update workbook (a process of its own)")
    subprocess.run(
        [sys.executable, "-m", "bench.update", "--out", str(update_path)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    update = json.loads(update_path.read_text())
    log(f"{scale}x: update workbook in {update['build_s']} s, peak {update['peak_mb']} MB")

    server = Gunicorn(env, workers=args.workers, log_path=workdir / f"gunicorn-{scale}.log")
    log(f"{scale}x: gunicorn on port {server.port}")
    server.start()
    memory = WorkerMemory(server)
    memory.start()

    def connect() -> Connection:
        return Connection("127.0.0.1", server.port)

    try:
        rows = {}
        connection = connect()
        for target in pages.ALL:
            timed = time_single(
                connection,
                target.path,
                sessions[target.account][0],
                repeat=args.repeat,
                budget_s=args.page_budget,
            )
            rows[target.key] = {
                "kind": target.kind,
                "path": target.path,
                "account": target.account,
                **probe["targets"][target.key],
                **timed,
            }
            log(
                f"{scale}x: {target.key}: {rows[target.key]['queries']} queries, median "
                f"{timed['median_ms']} ms, p95 {timed['p95_ms']} ms"
            )
        connection.close()

        steps = [Step(t.key, t.path, t.account) for t in [*pages.PAGES, *pages.API_LISTS]]
        log(f"{scale}x: load, {args.users} users for {args.duration:.0f} s")
        load = run_load(
            connect,
            steps,
            sessions,
            users=args.users,
            duration_s=args.duration,
            think_s=args.think,
        )
        load_figures = load.figures()
        overall = load_figures["overall"]
        log(
            f"{scale}x: {overall['rps']} requests/s, p95 {overall['p95_ms']} ms, "
            f"{overall['errors']} errors"
        )

        alone = None
        if args.alone_duration > 0:
            alone = measure_alone(args, scale, connect, sessions)
    finally:
        memory_figures = memory.stop()
        server.stop()
    log(f"{scale}x: worker peak {memory_figures['peak_mb']} MB")
    return {
        "targets": rows,
        "rows": probe["rows"],
        "plans": probe["plans"],
        "load": load_figures,
        "alone": alone,
        "memory": memory_figures,
        "update": update,
    }


def measure_alone(args, scale: int, connect, sessions: dict[str, list[str]]) -> dict:
    """The bare view alone, each API list alone, the bare view again."""

    def throughput(target: pages.Target) -> dict:
        result = run_load(
            connect,
            [Step(target.key, target.path, target.account)],
            sessions,
            users=args.users,
            duration_s=args.alone_duration,
        )
        return result.figures()["overall"]

    before = throughput(pages.BARE)
    lists = {target.key: throughput(target) for target in pages.API_LISTS}
    after = throughput(pages.BARE)
    bare = (before["rps"] + after["rps"]) / 2
    figures = {
        key: {
            "rps": row["rps"],
            "ratio": round(row["rps"] / bare, 2) if bare else 0.0,
            "errors": row["errors"],
        }
        for key, row in lists.items()
    }
    log(
        f"{scale}x: bare view {before['rps']} / {after['rps']} requests/s; lowest ratio "
        f"{min(row['ratio'] for row in figures.values())}"
    )
    return {"bare_rps": [before["rps"], after["rps"]], "lists": figures}


# The run --------------------------------------------------------------------------------


def command_line(argv: list[str]) -> str:
    executable = Path(sys.executable)
    try:
        shown = str(executable.relative_to(ROOT))
    except ValueError:
        shown = "python"
    return shlex.join([shown, "bench/run.py", *argv])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if any(scale > 1 for scale in args.scales) and not (
        args.skip_generate or args.reuse_db or generate_available()
    ):
        sys.exit(
            f"There is no {GENERATE_COMMAND} command here: run only --scales 1, or add "
            "--skip-generate (the larger scales then hold the seed alone)."
        )
    started = time.perf_counter()
    results = {
        "date": datetime.now().astimezone().isoformat(timespec="minutes"),
        "command": command_line(argv),
        "machine": machine_facts(args.pg),
        "settings": {
            "users": args.users,
            "duration_s": args.duration,
            "think_s": args.think,
            "alone_s": args.alone_duration,
            "repeat": args.repeat,
            "workers": args.workers,
        },
        "scales": [],
    }
    with tempfile.TemporaryDirectory(prefix="cdor-bench-") as tmp:
        workdir = Path(tmp)
        static_root = str(workdir / "static")
        secret_key = secrets.token_urlsafe(40)
        base_env = server_env(maintenance_url(args.pg), static_root, secret_key)
        log("collectstatic")
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=base_env,
        )
        seed, seed_s = None, 0.0
        if not args.reuse_db:
            seed_started = time.perf_counter()
            seed = build_seed(args)
            seed_s = time.perf_counter() - seed_started
        results["seed_build_s"] = None if args.reuse_db else round(seed_s, 1)
        if collect.wait() != 0:
            sys.exit("collectstatic failed")
        for scale in sorted(set(args.scales)):
            name = f"{args.db_prefix}{scale}"
            url = f"{args.pg.rstrip('/')}/{name}"
            build_s = None
            if not args.reuse_db:
                build_started = time.perf_counter()
                build_database(args, scale, seed, name)
                build_s = time.perf_counter() - build_started
                log(f"{scale}x: database {name} ready")
            env = server_env(url, static_root, secret_key)
            figures = measure_scale(args, scale, env, workdir)
            results["scales"].append(
                {"scale": scale, "database": name, "build_s": build_s, **figures}
            )
    results["duration_s"] = round(time.perf_counter() - started, 1)

    verdicts = targets.judge(results)
    causes = report.causes_in(args.out.read_text()) if args.out.exists() else {}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report.render(results, verdicts, causes))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    for verdict in verdicts:
        log(f"{verdict.result:>12}: {verdict.target} ({verdict.detail})")
    log(f"wrote {args.out} in {results['duration_s'] / 60:.1f} minutes")


if __name__ == "__main__":
    main()
