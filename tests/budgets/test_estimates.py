"""The teams' estimates against their budget lines, per budget period: the figures of
every team of the seed worked out here from the fixtures by plain Python, the plan's
OT1 case ("najaar '21 – zomer '22" against € 50.000 for 2021), a changed estimate that
moves the verdict, the links to the activities behind each figure, and a query count
that does not grow with the activities."""

import dataclasses
import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from activities.models import Activity, PlanningKind
from activities.services import ActivityInput, activity_create, activity_update
from budgets.selectors import EstimateVerdict, estimates_against_lines
from teams.constants import PROGRAMME_SLUG
from teams.models import Programme, Team
from tests import roles

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _fixture(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _expected() -> dict:
    """Per (team number, period label): the groups of activities as the fixtures have
    them, sorted by hand into within, crossing and no known period."""
    periods = {
        row["fields"]["label"]: (row["fields"]["start_year"], row["fields"]["end_year"])
        for row in _fixture("cdor_04_budgets.json")
        if row["model"] == "budgets.budgetperiod"
    }
    lines = {
        (row["fields"]["team"][1], row["fields"]["period"][1]): Decimal(row["fields"]["amount"])
        for row in _fixture("cdor_04_budgets.json")
        if row["model"] == "budgets.budgetline"
    }
    activities = [
        row["fields"]
        for row in _fixture("cdor_03_activities.json")
        if row["model"] == "activities.activity"
    ]
    expected = {}
    for number in range(1, 7):
        own = [a for a in activities if a["team"][1] == number]
        for label, (first, last) in periods.items():
            within, crossing = [], []
            for a in own:
                if a["start_month"] is None:
                    continue
                start = int(a["start_month"][:4])
                end = int(a["end_month"][:4]) if a["end_month"] else None
                if start >= first and end is not None and end <= last:
                    within.append(a)
                elif start <= last and (end is None or end >= first):
                    crossing.append(a)
            expected[number, label] = {
                "line": lines.get((number, label)),
                "within": _figures(within),
                "crossing": _figures(crossing),
            }
        expected[number, None] = _figures([a for a in own if a["start_month"] is None])
    return expected


def _figures(rows: list[dict]) -> tuple:
    amounts = [a for a in rows if a["estimate_min"] is not None]
    return (
        len(rows),
        sum((Decimal(a["estimate_min"]) for a in amounts), Decimal(0)),
        sum((Decimal(a["estimate_max"] or a["estimate_min"]) for a in amounts), Decimal(0)),
        len(rows) - len(amounts),
    )


def _as_tuple(figures) -> tuple:
    return (figures.count, figures.minimum, figures.maximum, figures.unestimated)


@pytest.fixture
def programme(db) -> Programme:
    return Programme.objects.get(slug=PROGRAMME_SLUG)


def _ot1(programme, period_label: str):
    [ot1] = estimates_against_lines(programme=programme, team=Team.objects.get(number=1))
    return next(row for row in ot1.periods if row.period.label == period_label)


def test_every_teams_figures_are_those_of_the_plan(programme):
    expected = _expected()
    result = estimates_against_lines(programme=programme)
    assert [team.team.number for team in result] == [1, 2, 3, 4, 5, 6]
    for team in result:
        assert [row.period.label for row in team.periods] == ["2021", "2022-2023"]
        for row in team.periods:
            wanted = expected[team.team.number, row.period.label]
            assert row.line_amount == wanted["line"], (team.team, row.period)
            assert _as_tuple(row.within) == wanted["within"], (team.team, row.period)
            assert _as_tuple(row.crossing) == wanted["crossing"], (team.team, row.period)
        assert _as_tuple(team.unknown) == expected[team.team.number, None], team.team
        assert team.outside.count == 0


def test_ot1s_autumn_to_summer_work_crosses_2021_and_does_not_add_up(programme):
    row = _ot1(programme, "2021")
    # The four activities "najaar '21 – zomer '22" (ca. 50-60k, 40-50k?, ca. 30k,
    # ca. 50-60k) against OT1's € 50.000 for 2021.
    assert _as_tuple(row.crossing) == (4, Decimal("170000.00"), Decimal("200000.00"), 0)
    assert row.within.count == 0
    assert row.line_amount == Decimal("50000.00")
    assert row.verdict == EstimateVerdict.CANNOT_TELL
    assert "crossing" in row.reasons
    assert row.crossing_exceeds_line
    assert not row.adds_up


def test_the_team_page_says_so_in_words_with_links(client_as):
    html = client_as(roles.DIRECTOR).get(reverse("team-detail", args=[1])).content.decode()
    table = html.split('id="estimates"')[1]
    assert "€ 170.000 – € 200.000" in table
    assert "€ 50.000" in table
    link = reverse("team-activities", args=[1]) + "?fit=crossing&amp;first_year=2021"
    assert link in table
    # The verdict in words, not only in colour.
    with_english = client_as(roles.DIRECTOR)
    with_english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = with_english.get(reverse("team-detail", args=[1])).content.decode()
    table = html.split('id="estimates"')[1]
    assert "Estimates of OT1's activities against its budget lines" in table
    assert "Cannot tell" in table
    assert "does not add up as written" in table
    assert "€ 170.000" in table


def test_the_link_lists_the_activities_behind_the_figure(client_as):
    client = client_as(roles.DIRECTOR)
    query = {"fit": "crossing", "first_year": 2021, "last_year": 2021}
    response = client.get(reverse("team-activities", args=[1]), query)
    titles = {activity.title for activity in response.context["activities"]}
    assert titles == set(
        Activity.objects.filter(team__number=1, planning_label__startswith="najaar").values_list(
            "title", flat=True
        )
    )
    response = client.get(reverse("team-activities", args=[1]), {"fit": "unknown"})
    assert len(response.context["activities"]) == 10
    # Within a period without years given: refused with a message, the whole list shown.
    response = client.get(reverse("team-activities", args=[1]), {"fit": "within"})
    assert "first_year" in response.context["form"].errors
    assert response.context["page"].paginator.count == 15


def _lead(number: int) -> User:
    return User.objects.get(username=roles.team_lead(number))


def _input(activity: Activity, **changes) -> ActivityInput:
    data = ActivityInput(
        **{
            item.name: getattr(activity, item.name)
            for item in dataclasses.fields(ActivityInput)
            if item.name != "cases"
        },
        cases=list(activity.cases.all()),
    )
    return dataclasses.replace(data, **changes)


def test_a_changed_estimate_moves_the_verdict(programme):
    team = Team.objects.get(number=3)
    lead = _lead(3)
    row = next(r for r in estimates_against_lines(programme=programme, team=team)[0].periods)
    assert row.period.label == "2021"
    assert row.verdict == EstimateVerdict.CANNOT_TELL  # "Sept/okt 21" has no amount ("-")
    first = Activity.objects.get(team=team, order=1)
    # OT3's line for 2021 is € 5.000; "Sept/okt 21" at 1.000-2.000 and "Nov/dec 21 - feb
    # 22" (5000,-) crossing into 2022: the line may hold, the split is not known.
    activity_update(
        activity=first,
        by=lead,
        data=_input(first, estimate_min=Decimal("1000"), estimate_max=Decimal("2000")),
    )
    row = estimates_against_lines(programme=programme, team=team)[0].periods[0]
    assert row.verdict == EstimateVerdict.CANNOT_TELL
    assert row.reasons == ["crossing"]
    # More than the line within 2021 alone: exceeded, whatever the crossing work.
    activity_update(
        activity=first,
        by=lead,
        data=_input(first, estimate_min=Decimal("6000"), estimate_max=Decimal("8000")),
    )
    row = estimates_against_lines(programme=programme, team=team)[0].periods[0]
    assert row.verdict == EstimateVerdict.EXCEEDS
    # The crossing work moved into 2021 and everything estimated below the line: short.
    second = Activity.objects.get(team=team, order=2)
    activity_update(
        activity=second,
        by=lead,
        data=_input(
            second,
            start_month=datetime.date(2021, 11, 1),
            end_month=datetime.date(2021, 12, 1),
            estimate_min=Decimal("1000"),
            estimate_max=Decimal("1000"),
        ),
    )
    activity_update(
        activity=first,
        by=lead,
        data=_input(first, estimate_min=Decimal("1000"), estimate_max=Decimal("2000")),
    )
    row = estimates_against_lines(programme=programme, team=team)[0].periods[0]
    assert row.verdict == EstimateVerdict.FALLS_SHORT
    assert row.highest == Decimal("3000.00")
    # And a range around the line: within.
    activity_update(
        activity=first,
        by=lead,
        data=_input(first, estimate_min=Decimal("3000"), estimate_max=Decimal("6000")),
    )
    row = estimates_against_lines(programme=programme, team=team)[0].periods[0]
    assert row.verdict == EstimateVerdict.WITHIN
    assert row.adds_up


def test_work_without_a_period_keeps_a_short_verdict_open(programme):
    team = Team.objects.get(number=2)
    [ot2] = estimates_against_lines(programme=programme, team=team)
    later = ot2.periods[1]
    # No activity planned in 2022-2023 against € 100.000, but eight without a period and
    # without an amount may fall in it.
    assert later.within.count == later.crossing.count == 0
    assert later.verdict == EstimateVerdict.CANNOT_TELL
    assert set(later.reasons) == {"unestimated", "unknown_period"}


def test_an_activity_after_every_period_is_outside(programme):
    team = Team.objects.get(number=2)
    activity_create(
        team=team,
        by=_lead(2),
        data=ActivityInput(
            title="Evaluatie",
            planning_label="2025",
            planning_kind=PlanningKind.PERIOD,
            start_month=datetime.date(2025, 1, 1),
            end_month=datetime.date(2025, 12, 1),
        ),
    )
    [ot2] = estimates_against_lines(programme=programme, team=team)
    assert ot2.outside.count == 1


def _queries(programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        estimates_against_lines(programme=programme)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_activities(programme):
    before = _queries(programme)
    team = Team.objects.get(number=1)
    Activity.objects.bulk_create(
        Activity(
            team=team,
            order=100 + index,
            title=f"Groei {index}",
            planning_kind=PlanningKind.PERIOD,
            start_month=datetime.date(2021 + index % 3, 1 + index % 12, 1),
            end_month=datetime.date(2022 + index % 3, 1 + index % 12, 1),
            estimate_min=Decimal(index),
            estimate_max=Decimal(index * 2),
        )
        for index in range(100)
    )
    assert _queries(programme) == before == 2


def test_the_planning_page_sums_up_every_team(client_as):
    client = client_as(roles.DIRECTOR)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("planning"))
    assert [row.team.number for row in response.context["estimates"]] == [1, 2, 3, 4, 5, 6]
    summary = response.content.decode().split('id="estimates-title"')[1].split("</section>")[0]
    assert summary.count(reverse("team-detail", args=[1]) + "#estimates") == 1
    assert "does not add up as written" in summary
    assert "4 activities across the border" in summary
    # Filtered to one team, the summary shows that team only.
    response = client.get(reverse("planning"), {"team": 3})
    assert [row.team.number for row in response.context["estimates"]] == [3]
