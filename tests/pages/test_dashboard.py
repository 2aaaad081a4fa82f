"""The directors' dashboard (/dashboard/): who reads it, where a director lands, what it
shows of the seed (the gap of 2022-2023, the open points with links to the activities
behind them, the charts with their tables), and the charts' geometry."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from activities.models import Activity
from activities.selectors import activity_open_q
from citydeal.formatting import format_euro
from portal.views import OPEN_POINTS
from reporting.charts import LABEL_WIDTH, money_chart, status_chart
from reporting.figures import as_data, dashboard_figures
from teams.models import Programme
from tests import roles

pytestmark = pytest.mark.django_db


def _page(client_as, username=roles.DIRECTOR):
    response = client_as(username).get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("username", [roles.DIRECTOR, roles.CORE_TEAM])
def test_directors_and_the_core_team_read_it(client_as, username):
    content = _page(client_as, username)
    assert "<h1>Dashboard</h1>" in content
    assert f'href="{reverse("dashboard")}"' in content  # in the navigation


@pytest.mark.parametrize(
    "username",
    [roles.team_lead(1), roles.case_owner(roles.DORDRECHT), roles.FUNCTIONAL_ADMIN],
)
def test_other_roles_are_refused_and_not_shown_the_link(client_as, username):
    client = client_as(username)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 403
    assert "directeuren en het kernteam" in response.content.decode()
    overview = client.get(reverse("overview")).content.decode()
    assert f'href="{reverse("dashboard")}"' not in overview


def test_anonymous_visitors_go_to_the_login():
    from django.test import Client

    response = Client().get(reverse("dashboard"))
    assert response.status_code == 302 and settings.LOGIN_URL in response["Location"]


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        (roles.DIRECTOR, "dashboard"),
        (roles.CORE_TEAM, "spending-queue"),
        (roles.team_lead(2), "overview"),
        (roles.case_owner(roles.DORDRECHT), "overview"),
    ],
)
def test_each_role_lands_on_its_page_after_logging_in(client, username, landing):
    response = client.post(
        reverse("login"),
        {"username": username, "password": settings.DEMO_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(landing)


def test_a_login_with_a_page_asked_for_goes_there(client):
    response = client.post(
        reverse("login") + "?next=" + reverse("planning"),
        {"username": roles.DIRECTOR, "password": settings.DEMO_PASSWORD},
    )
    assert response["Location"] == reverse("planning")


def test_the_2022_2023_budget_against_its_space_reads_at_a_glance(client_as):
    content = _page(client_as)
    assert "Begroting 2022-2023" in content
    assert "€ 1.360.000" in content
    assert "tegenover een begrotingsruimte van € 800.000 – € 1.000.000" in content
    assert "€ 360.000 – € 560.000 boven de ruimte" in content


def test_every_open_point_links_to_the_activities_behind_it(client_as):
    client = client_as(roles.DIRECTOR)
    content = client.get(reverse("dashboard")).content.decode()
    for name, _label in OPEN_POINTS:
        expected = Activity.objects.filter(team__programme__slug="cdor").filter(
            activity_open_q()[name]
        )
        link = f'href="{reverse("planning")}?open={name}"'
        if not expected.exists():
            assert link not in content
            continue
        assert link in content
        planning = client.get(reverse("planning"), {"open": name})
        shown = {activity.pk for activity in planning.context["activities"]}
        assert shown == set(expected.values_list("pk", flat=True)), name


def test_an_open_point_link_per_team_keeps_to_the_team(client_as):
    client = client_as(roles.DIRECTOR)
    planning = client.get(reverse("planning"), {"open": "responsible_open", "team": 1})
    teams = {activity.team.number for activity in planning.context["activities"]}
    assert teams <= {1}


def test_an_unknown_open_point_is_shown_and_left_out(client_as):
    response = client_as(roles.DIRECTOR).get(reverse("planning"), {"open": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["activities"]) == 48
    assert response.context["form"].errors["open"]


def test_the_charts_have_a_name_a_description_and_their_tables(client_as):
    content = _page(client_as)
    svgs = re.findall(r"<svg class=\"bar-chart\"[^>]*>", content)
    assert len(svgs) == 2
    for svg, title in zip(svgs, ("money-chart-title", "status-chart-title"), strict=True):
        assert 'role="img"' in svg and f'aria-labelledby="{title}"' in svg
        described = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
        assert f'id="{described}"' in content
    for caption in (
        "Geld per team, over alle begrotingsperiodes",
        "Activiteiten per team",
        "Workshopaanmeldingen per team",
    ):
        assert caption in content
    assert "<script" not in content.split("<main", 1)[1]


def _data():
    return as_data(dashboard_figures(programme=Programme.objects.get(slug="cdor")))


def test_the_money_chart_draws_each_amount_to_scale_and_writes_it():
    data = _data()
    chart = money_chart(data, format_amount=format_euro)
    assert [team.label for team in chart.teams] == [f"OT{n}" for n in range(1, 7)]
    ot1 = chart.teams[0]
    planned = next(bar for bar in ot1.bars if bar.series == "planned")
    assert planned.text == "€ 500.000"
    top = Decimal(chart.ticks[-1].label.replace("€ ", "").replace(".", ""))
    room = chart.ticks[-1].x - LABEL_WIDTH
    assert planned.segments[0].width == pytest.approx(float(Decimal(500000) / top) * room, abs=0.2)
    estimate = next(bar for bar in ot1.bars if bar.series == "estimate")
    (team,) = [t for t in data["money"]["teams"] if t["team"]["number"] == 1]
    assert estimate.text == (
        f"{format_euro(Decimal(team['estimate_min']))} – "
        f"{format_euro(Decimal(team['estimate_max']))}"
    )
    # The minimum solid, up to the maximum open.
    segment = estimate.segments[0]
    assert 0 < segment.solid_width < segment.width


def test_the_status_chart_stacks_every_activity_of_a_team():
    data = _data()
    chart = status_chart(data)
    for team, row in zip(chart.teams, data["progress"], strict=True):
        (bar,) = team.bars
        assert sum(segment.count for segment in bar.segments) == row["total"]
        assert bar.text == str(row["total"])
        ends = [segment.x + segment.width for segment in bar.segments]
        assert ends == sorted(ends)


def test_the_printable_update_holds_the_figures_for_paper(client_as):
    response = client_as(roles.DIRECTOR).get(reverse("dashboard-report"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Update voor de directeuren" in content
    assert "€ 360.000 – € 560.000 boven de ruimte" in content
    assert 'class="report"' in content


def test_the_update_downloads_as_a_workbook(client_as):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_as(roles.CORE_TEAM).get(reverse("dashboard-report-xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="update-directeuren-')
    book = load_workbook(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert book.sheetnames[:5] == [
        "Overzicht",
        "Geld",
        "Begrotingsruimte",
        "Openstaande punten",
        "Wijzigingen",
    ]
    assert book.sheetnames[5:] == [f"OT{n}" for n in range(1, 7)]


@pytest.mark.parametrize("name", ["dashboard-report", "dashboard-report-xlsx"])
def test_the_update_is_for_directors_and_the_core_team_only(client_as, name):
    response = client_as(roles.team_lead(1)).get(reverse(name))
    assert response.status_code == 403


def test_the_dashboard_shows_a_snapshot_as_it_was_and_links_its_changes(client_as):
    from reporting.services import snapshot_create
    from tests.factories import SpendingRequestFactory

    programme = Programme.objects.get(slug="cdor")
    from accounts.models import User

    snapshot = snapshot_create(
        programme=programme,
        by=User.objects.get(username=roles.CORE_TEAM),
        title="Update directeurenoverleg 24 maart",
    )
    line = programme.teams.get(number=2).budget_lines.get(period__label="2022-2023")
    SpendingRequestFactory(budget_line=line, submitted=True)
    client = client_as(roles.DIRECTOR)
    now = client.get(reverse("dashboard")).content.decode()
    assert "Update directeurenoverleg 24 maart" in now  # offered in the choice of state
    assert f'href="{reverse("dashboard-changes")}"' in now
    then = client.get(reverse("dashboard"), {"snapshot": snapshot.pk})
    content = then.content.decode()
    assert "U bekijkt de momentopname „Update directeurenoverleg 24 maart”" in content
    assert f'href="{reverse("snapshot-changes", args=[snapshot.pk])}"' in content
    assert then.context["data"]["waiting"]["count"] == 0  # as it was, not as it is
    assert client.get(reverse("dashboard")).context["data"]["waiting"]["count"] == 1


@pytest.mark.parametrize("value", ["999999", "abc"])
def test_an_unknown_snapshot_is_not_found(client_as, value):
    response = client_as(roles.DIRECTOR).get(reverse("dashboard"), {"snapshot": value})
    assert response.status_code == 404


def test_the_update_workbook_holds_the_changes_since_the_last_snapshot(client_as):
    from io import BytesIO

    from openpyxl import load_workbook

    from accounts.models import User
    from activities.models import Activity
    from reporting.services import snapshot_create

    programme = Programme.objects.get(slug="cdor")
    snapshot_create(
        programme=programme, by=User.objects.get(username=roles.CORE_TEAM), title="Maart"
    )
    activity = Activity.objects.filter(team__number=1).order_by("order").first()
    Activity.objects.filter(pk=activity.pk).update(status="in_progress")  # set-up only
    response = client_as(roles.DIRECTOR).get(reverse("dashboard-report-xlsx"))
    book = load_workbook(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    rows = list(book["Wijzigingen"].iter_rows(min_row=2, values_only=True))
    (row,) = [r for r in rows if r[2] == activity.title]
    assert row[0] == "Statuswijzigingen" and row[1] == "OT1"
    assert "Gepland" in row[3] and "In uitvoering" in row[4]
