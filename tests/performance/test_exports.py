"""The planning exports, and checking an import of one, run as many queries with 60 more
activities (each with a goal and a case) as on the seed: the file grows, the queries do
not."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import roles
from tests.performance.conftest import GROWTH

MAX_QUERIES = 12
# The dashboard's figures the update's workbook reads besides the planning.
MAX_QUERIES_FIGURES = 16

EXPORTS = [
    pytest.param("team-planning-export", roles.DIRECTOR, True, id="team-director"),
    pytest.param("team-planning-export", roles.team_lead(1), True, id="team-lead"),
    pytest.param("planning-export", roles.CORE_TEAM, False, id="programme-core-team"),
    pytest.param("api-team-planning-xlsx", roles.CASE_OWNERS[roles.DORDRECHT], True, id="api"),
]


def _get(client, url: str) -> tuple[int, int]:
    """The number of queries, and of activity rows in OT1's sheet."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    sheet = load_workbook(BytesIO(b"".join(response)))["OT1"]
    return len(queries), sheet.max_row - 1


@pytest.mark.parametrize(("url_name", "role", "for_team"), EXPORTS)
def test_the_export_runs_the_same_queries_with_more_activities(
    url_name, role, for_team, pinned, client_as
):
    client = client_as(role)
    if url_name == "api-team-planning-xlsx":
        url = reverse(url_name, args=[pinned.team.pk])
    elif for_team:
        url = reverse(url_name, args=[pinned.team.number])
    else:
        url = reverse(url_name)
    _get(client, url)  # the first request opens the API throttle's window
    on_the_seed, rows = _get(client, url)
    pinned.grow(GROWTH)
    with_more_rows, more_rows = _get(client, url)
    assert more_rows == rows + GROWTH
    assert with_more_rows == on_the_seed, url
    assert on_the_seed <= MAX_QUERIES, url


def test_the_update_workbook_runs_the_same_queries_with_more_rows(pinned, client_as):
    client = client_as(roles.DIRECTOR)
    url = reverse("dashboard-report-xlsx")
    on_the_seed, rows = _get(client, url)
    pinned.grow(GROWTH)
    with_more_rows, more_rows = _get(client, url)
    assert more_rows == rows + GROWTH
    assert with_more_rows == on_the_seed
    assert on_the_seed <= MAX_QUERIES + MAX_QUERIES_FIGURES


# Checking an import reads the file and the team's activities, goals and cases, and asks
# what refers to the activities it would remove.
IMPORT_MAX_QUERIES = 16

IMPORTS = [
    pytest.param("team-planning-import", roles.team_lead(1), id="page-lead"),
    pytest.param("api-team-planning-import", roles.CORE_TEAM, id="api-core-team"),
]


def _preview(client, url: str, content: bytes) -> int:
    """The number of queries of checking the file (nothing applied)."""
    upload = SimpleUploadedFile("planning.xlsx", content)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"file": upload})
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("url_name", "role"), IMPORTS)
def test_checking_an_import_runs_the_same_queries_with_more_activities(
    url_name, role, pinned, client_as
):
    client = client_as(role)
    team = pinned.team
    export_url = reverse("team-planning-export", args=[team.number])
    if url_name.startswith("api-"):
        url = reverse(url_name, args=[team.pk]) + "?dry_run=true"
    else:
        url = reverse(url_name, args=[team.number])
    content = b"".join(client.get(export_url))
    _preview(client, url, content)  # the first request opens the API throttle's window
    on_the_seed = _preview(client, url, content)
    pinned.grow(GROWTH)
    content = b"".join(client.get(export_url))
    assert load_workbook(BytesIO(content))["OT1"].max_row > GROWTH
    with_more_rows = _preview(client, url, content)
    assert with_more_rows == on_the_seed, url
    assert on_the_seed <= IMPORT_MAX_QUERIES, url
