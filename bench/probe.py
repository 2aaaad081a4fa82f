"""The in-process half of a benchmark run, against the database in DATABASE_URL.

For every target of ``bench.pages``: the status, the number of queries and the slowest
query (Django's test client with CaptureQueriesContext, the second request, so caches
are warm); for every plan check the EXPLAIN (ANALYZE) verdict; the row counts of the
main tables; and logged-in sessions for the HTTP clients. Writes one JSON file.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.probe --out probe.json --sessions 16
"""

import argparse
import json
import logging
import os


def _list_query_on(queries: list[dict], table: str) -> dict | None:
    """The slowest SELECT that reads ``table`` in an order (the list's rows, not their
    count); the slowest of any order when none has one."""
    candidates = [
        query
        for query in queries
        if query["sql"].lstrip().upper().startswith("SELECT") and f'FROM "{table}"' in query["sql"]
    ]
    ordered = [query for query in candidates if " ORDER BY " in query["sql"]]
    return max(ordered or candidates, key=lambda query: float(query["time"]), default=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--sessions", type=int, default=1, help="sessions per account")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    logging.disable(logging.WARNING)  # refused requests would log; the report says it
    from django.apps import apps
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench import pages, plans

    users = {name: User.objects.get(username=name) for name in pages.ACCOUNTS}
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)

    def read(target: pages.Target) -> tuple[int, int, list[dict]]:
        client = clients[target.account]
        client.get(target.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path)
        return response.status_code, len(response.content), list(captured.captured_queries)

    results = {"targets": {}, "plans": [], "rows": {}, "sessions": {}}
    captured_by_key = {}
    for target in pages.ALL:
        status, size, queries = read(target)
        captured_by_key[target.key] = queries
        slowest = max(queries, key=lambda query: float(query["time"]), default=None)
        results["targets"][target.key] = {
            "status": status,
            "queries": len(queries),
            "bytes": size,
            "slowest_query_ms": round(float(slowest["time"]) * 1000, 1) if slowest else 0,
        }

    for check in pages.PLAN_CHECKS:
        table = apps.get_model(check.model)._meta.db_table
        query = _list_query_on(captured_by_key[check.target.key], table)
        entry = {"label": check.label, "key": check.target.key, "table": table}
        if query is None:
            entry["error"] = f"no query on {table}"
        elif connection.vendor != "postgresql":
            entry["error"] = "EXPLAIN (ANALYZE) needs PostgreSQL"
        else:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                explained = cursor.fetchone()[0]
                if isinstance(explained, str):
                    explained = json.loads(explained)
                table_rows = {}
                for relation in sorted(plans.relations(explained)):
                    cursor.execute(f'SELECT count(*) FROM "{relation}"')
                    table_rows[relation] = cursor.fetchone()[0]
            entry.update(plans.summarise(explained, table_rows))
            entry["sql"] = query["sql"]
        results["plans"].append(entry)

    for label in pages.COUNTED_MODELS:
        results["rows"][label] = apps.get_model(label)._default_manager.count()

    for name, user in users.items():
        cookies = []
        for _ in range(args.sessions):
            client = Client()
            client.force_login(user)
            cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
        results["sessions"][name] = cookies

    with open(args.out, "w") as out:
        json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
