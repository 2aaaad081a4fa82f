"""The directors' update at one data size, against the database in DATABASE_URL: how long
the Excel workbook takes to build (the dashboard's figures, the teams' planning and the
file) and the process's peak memory while it does, each build in a fresh process so one
does not warm the next. Writes one JSON file.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.update --out update.json
"""

import argparse
import json
import os
import resource
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from activities.selectors import mark_open, planning_teams
    from reporting.figures import as_data, dashboard_figures
    from reporting.report import report_xlsx
    from teams.models import Programme

    programme = Programme.objects.get(slug="cdor")
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        data = as_data(dashboard_figures(programme=programme))
        teams = planning_teams(programme=programme)
        for team in teams:
            mark_open(team.planning_activities)
    read_s = time.perf_counter() - started
    content = report_xlsx(data=data, teams=teams, changes=None)
    build_s = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {
        "build_s": round(build_s, 2),
        "read_s": round(read_s, 2),
        "queries": len(queries),
        "activities": sum(len(team.planning_activities) for team in teams),
        "file_kb": round(len(content) / 1024),
        "peak_mb": round(peak_kb / 1024),
        "before_mb": round(before_kb / 1024),
    }
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(figures, out)


if __name__ == "__main__":
    main()
