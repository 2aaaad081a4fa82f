"""A team's planning as an Excel file through the API: the same file as the page's, JSON
refusals, no trailing slash."""

from io import BytesIO

import pytest
from django.urls import reverse
from knox.models import AuthToken
from openpyxl import load_workbook

from activities import excel
from teams.models import Team
from tests import roles
from tests.factories import ActivityFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _team(number: int) -> Team:
    return Team.objects.get(programme__slug="cdor", number=number)


def _rows(response) -> list[tuple]:
    sheet = load_workbook(BytesIO(b"".join(response))).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def _api_url(team_id) -> str:
    return reverse("api-team-planning-xlsx", args=[team_id])


def test_the_api_sends_the_same_file(client_as):
    team = _team(4)
    assert _api_url(team.pk) == f"/api/v1/teams/{team.pk}/planning.xlsx"
    client = client_as(roles.DIRECTOR)
    response = client.get(_api_url(team.pk), HTTP_ACCEPT=excel.CONTENT_TYPE)
    assert response.status_code == 200
    assert response["Content-Type"] == excel.CONTENT_TYPE
    assert "planning-OT4-" in response["Content-Disposition"]
    page = client.get(reverse("team-planning-export", args=[4]))
    assert _rows(response) == _rows(page)


def test_the_api_answers_a_token_too(client, user_named):
    _instance, token = AuthToken.objects.create(user=user_named(roles.team_lead(1)))
    response = client.get(_api_url(_team(1).pk), HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert _rows(response)[1][0] == "OT1"


def test_the_api_refuses_in_json(client, client_as):
    assert client.get(_api_url(_team(1).pk)).status_code == 401
    response = client_as(roles.DIRECTOR).get(_api_url(999999), HTTP_ACCEPT=excel.CONTENT_TYPE)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    client.force_login(UserFactory())
    response = client.get(_api_url(_team(1).pk))
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_api_path_has_no_trailing_slash(client_as):
    response = client_as(roles.DIRECTOR).get(_api_url(_team(1).pk) + "/")
    assert response.status_code == 404


def test_a_team_of_another_programme_is_not_found(client_as):
    other = ActivityFactory(team=TeamFactory(number=1)).team
    response = client_as(roles.CORE_TEAM).get(_api_url(other.pk))
    assert response.status_code == 404
