"""Response times and query counts of the portal's main pages and API endpoints.

Builds a scratch SQLite database with the seed data and demo accounts, then requests
each page N times per role through Django's test client and reports the median and
95th percentile in milliseconds and the number of queries. A report, not a test.

    .venv/bin/python bench/pages.py [--repeat 30]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    ("directeur", "/"),
    ("directeur", "/teams/5/"),
    ("trekker5", "/teams/5/"),
    ("directeur", "/cases/"),
    ("directeur", "/partners/"),
    ("kernteam1", "/spending/"),
    ("kernteam1", "/spending/budget/"),
    ("kernteam1", "/decisions/"),
    ("kernteam1", "/api/v1/teams/"),
    ("kernteam1", "/api/v1/activities/"),
    ("kernteam1", "/api/v1/budget-lines/"),
    ("kernteam1", "/api/v1/spending-requests/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="cdor-bench-")
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{scratch}/bench.sqlite3",
        DJANGO_SETTINGS_MODULE="citydeal.settings",
    )
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")

    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # the login and security lines of every request
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)

    print(f"{'user':<11} {'path':<30} {'median ms':>9} {'p95 ms':>7} {'queries':>7}")
    for username, path in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(path)  # warm caches and templates
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(
            f"{username:<11} {path:<30} {statistics.median(timings):>9.1f} {p95:>7.1f}"
            f" {len(queries):>7}"
        )


if __name__ == "__main__":
    main()
