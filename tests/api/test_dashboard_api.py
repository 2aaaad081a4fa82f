"""GET /api/v1/dashboard/: the dashboard's figures for directors and the core team, the
same as the page's, read-only; every other role is refused with the rule's reason."""

import pytest

from reporting.figures import as_data, dashboard_figures
from spending.models import SpendingRequest
from teams.models import Programme, Team
from tests import roles
from tests.factories import SpendingRequestFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/dashboard/"


@pytest.mark.parametrize("username", [roles.DIRECTOR, roles.CORE_TEAM])
def test_directors_and_the_core_team_read_the_figures(api, username):
    response = api(username).get(URL)
    assert response.status_code == 200
    body = response.json()
    expected = as_data(dashboard_figures(programme=Programme.objects.get(slug="cdor")))
    assert body["money"] == expected["money"]
    assert body["open_points"] == expected["open_points"]
    assert body["workshops"] == expected["workshops"]
    (later,) = [p for p in body["money"]["space_per_period"] if p["period"] == "2022-2023"]
    assert later["teams_total"] == "1360000.00"
    assert (later["over_space_min"], later["over_space_max"]) == ("360000.00", "560000.00")


def test_the_figures_follow_the_data(api):
    line = Team.objects.get(programme__slug="cdor", number=3).budget_lines.get(
        period__label="2022-2023"
    )
    SpendingRequestFactory(budget_line=line, submitted=True, amount="2500.00")
    body = api(roles.DIRECTOR).get(URL).json()
    assert body["waiting"]["count"] == 1
    (waiting,) = body["waiting"]["oldest"]
    assert waiting["amount"] == "2500.00" and waiting["team"]["code"] == "OT3"
    assert waiting["id"] == SpendingRequest.objects.get().pk


@pytest.mark.parametrize(
    "username",
    [roles.team_lead(1), roles.case_owner(roles.DORDRECHT), roles.FUNCTIONAL_ADMIN],
)
def test_other_roles_are_refused(api, username):
    response = api(username).get(URL)
    assert response.status_code == 403
    assert "directeuren en het kernteam" in response.json()["detail"]


def test_anonymous_requests_get_401(api):
    assert api(None).get(URL).status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_it_is_read_only(api, method):
    assert api(roles.CORE_TEAM).send(method, URL, {}).status_code == 405
