"""The programme timeline (/planning/): every activity of the seed in its team's lane,
the fuzzy ones marked as such, milestones and today, the same rows as a table, the
filters, the freshness per team, and a query count that does not grow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, PlanningKind
from activities.timeline import MONTH_WIDTH, Milestone, build_timeline, month_index
from activities.timeline import PAGE_SIZE as TIMELINE_PAGE_SIZE
from events.models import Event
from portal.forms import GOAL_CHOICES_LIMIT
from teams.models import Team
from tests import roles
from tests.factories import ActivityFactory, EventFactory, GoalFactory, WorkshopSlotFactory

pytestmark = pytest.mark.django_db


def _page(client_as, username=roles.DIRECTOR, **query):
    response = client_as(username).get(reverse("planning"), query)
    assert response.status_code == 200
    return response


def test_every_activity_of_the_seed_stands_in_its_teams_lane(client_as):
    timeline = _page(client_as).context["timeline"]
    teams = list(Team.objects.filter(programme__slug="cdor").order_by("number"))
    assert [lane.team.number for lane in timeline.lanes] == [team.number for team in teams]
    for lane in timeline.lanes:
        expected = list(
            Activity.objects.filter(team=lane.team).order_by("order").values_list("pk", flat=True)
        )
        assert [bar.activity.pk for bar in lane.bars] == expected
        assert expected  # the seed gives every team a planning


def test_fuzzy_plannings_are_marked_as_such(client_as):
    timeline = _page(client_as).context["timeline"]
    shapes = {
        PlanningKind.PERIOD: "period",
        PlanningKind.ONGOING: "open",
        PlanningKind.FROM: "open",
        PlanningKind.TBD: "tbd",
    }
    kinds = set()
    for lane in timeline.lanes:
        for bar in lane.bars:
            activity = bar.activity
            expected = shapes[activity.planning_kind]
            if activity.planning_kind == PlanningKind.PERIOD and not activity.start_month:
                expected = "tbd"
            assert bar.kind == expected, activity
            kinds.add(bar.kind)
            if bar.kind == "open":  # runs to the axis's end
                assert bar.x + bar.width == timeline.width
    assert kinds == {"period", "open", "tbd"}  # the seed has all three


def test_the_page_draws_bars_that_link_to_their_activities_and_a_table(client_as):
    html = _page(client_as).content.decode()
    activity = Activity.objects.filter(planning_kind=PlanningKind.PERIOD).first()
    link = reverse("activity-detail", args=[activity.pk])
    assert html.count(f'href="{link}"') == 2  # the bar and the table's row
    assert 'class="timeline" width="' in html and "<title" in html
    svg = html.split('<svg class="timeline"')[1].split(">")[0]
    assert "." not in svg.split('width="')[1].split('"')[0]  # no thousands separator
    assert activity.planning_label in html


def test_a_period_bar_spans_its_months_and_today_has_a_line():
    team = type("T", (), {"pk": 1})()
    activity = type(
        "A",
        (),
        {
            "team_id": 1,
            "planning_kind": PlanningKind.PERIOD,
            "start_month": datetime.date(2021, 9, 1),
            "end_month": datetime.date(2022, 8, 1),
            "title": "Inventarisatie",
        },
    )()
    event = Milestone(x=0, title="Atelier", when=datetime.date(2022, 3, 16), kind="event")
    timeline = build_timeline(
        teams=[team], activities=[activity], milestones=[event], today=datetime.date(2022, 1, 1)
    )
    (bar,) = timeline.lanes[0].bars
    assert timeline.first == datetime.date(2021, 9, 1)
    assert timeline.last == datetime.date(2023, 12, 1)
    assert bar.x == 0 and bar.width == 12 * MONTH_WIDTH  # september 2021 t/m augustus 2022
    assert timeline.today_x == month_index(timeline.first, datetime.date(2022, 1, 1)) * MONTH_WIDTH
    assert 6 * MONTH_WIDTH < event.x < 7 * MONTH_WIDTH  # mid-March 2022


def test_the_axis_widens_to_the_data():
    team = type("T", (), {"pk": 1})()
    late = type(
        "A",
        (),
        {
            "team_id": 1,
            "planning_kind": PlanningKind.PERIOD,
            "start_month": datetime.date(2024, 2, 1),
            "end_month": datetime.date(2024, 6, 1),
            "title": "Later",
        },
    )()
    timeline = build_timeline(
        teams=[team], activities=[late], milestones=[], today=datetime.date(2021, 5, 3)
    )
    assert timeline.first == datetime.date(2021, 9, 1)  # the default start; not today's month
    assert timeline.last == datetime.date(2024, 6, 1)
    assert timeline.today_x is None  # today lies before the axis


def test_filters_by_team_status_and_period(client_as):
    timeline = _page(client_as, team=5).context["timeline"]
    assert [lane.team.number for lane in timeline.lanes] == [5]
    status = Activity.objects.exclude(status="planned").values_list("status", flat=True).first()
    rows = _page(client_as, status=status).context["activities"]
    assert rows and all(activity.status == status for activity in rows)
    assert len(rows) < Activity.objects.filter(team__programme__slug="cdor").count()
    rows = _page(client_as, first="2022-01", last="2022-03").context["activities"]
    assert rows
    for activity in rows:
        assert activity.planning_kind != PlanningKind.TBD
        if activity.planning_kind == PlanningKind.PERIOD:
            assert activity.start_month <= datetime.date(2022, 3, 1)
            assert (activity.end_month or activity.start_month) >= datetime.date(2022, 1, 1)


def test_a_bad_filter_is_shown_and_left_out(client_as):
    response = _page(client_as, first="soon", team=5)
    assert response.context["form"].errors["first"]
    assert [lane.team.number for lane in response.context["timeline"].lanes] == [5]
    response = _page(client_as, first="2023-01", last="2022-01")
    assert response.context["form"].errors["last"]


def test_events_and_workshops_are_milestones(client_as):
    slot = WorkshopSlotFactory(team=Team.objects.get(number=5, programme__slug="cdor"))
    milestones = _page(client_as).context["timeline"].milestones
    kinds = {milestone.kind for milestone in milestones}
    assert kinds == {"event", "workshop"}
    (mine,) = [m for m in milestones if m.kind == "workshop"]
    assert mine.url == reverse("workshop-slot-detail", args=[slot.pk])


def test_the_core_team_sees_which_plannings_have_not_changed_in_six_weeks(client_as):
    # Team 1's planning last changed seven weeks ago.
    Activity.history.filter(team_id__in=Team.objects.filter(number=1)).update(
        history_date=timezone.now() - datetime.timedelta(weeks=7)
    )
    response = _page(client_as, roles.CORE_TEAM)
    assert 1 in {team.number for team in response.context["stale_teams"]}
    assert response.context["show_stale"]
    assert "OT1" in response.content.decode().split('class="flag-warning"')[1].split("</div>")[0]
    assert not _page(client_as, roles.DIRECTOR).context["show_stale"]
    # A change today makes the team's planning fresh, with who made it.
    import dataclasses

    from accounts.models import User
    from activities.services import ActivityInput, activity_update

    activity = Activity.objects.filter(team__number=1).select_related("goal").first()
    lead = User.objects.get(username=roles.team_lead(1))
    data = ActivityInput(
        **{
            item.name: getattr(activity, item.name)
            for item in dataclasses.fields(ActivityInput)
            if item.name != "cases"
        },
        cases=list(activity.cases.all()),
    )
    activity_update(activity=activity, by=lead, data=dataclasses.replace(data, title="Nieuw"))
    response = _page(client_as, roles.CORE_TEAM)
    assert 1 not in {team.number for team in response.context["stale_teams"]}
    lane = next(lane for lane in response.context["timeline"].lanes if lane.team.number == 1)
    assert lane.freshness.by == lead
    assert timezone.localtime(lane.freshness.changed).date() == timezone.localdate()


def _grow(count: int, *, events: int = 0, slots: int = 0) -> None:
    """``count`` more activities for OT3, ``events`` more programme events in November 2021
    and ``slots`` more OT5 workshops in one month (ten days from now)."""
    team = Team.objects.get(number=3, programme__slug="cdor")
    for n in range(count):
        ActivityFactory(
            team=team,
            order=500 + n,
            title=f"Extra {n}",
            planning_kind=PlanningKind.PERIOD,
            start_month=datetime.date(2022, 1, 1),
            end_month=datetime.date(2022, 6, 1),
        )
    for n in range(events):
        EventFactory(programme=team.programme, title=f"Extra event {n}")
    ot5 = Team.objects.get(number=5, programme__slug="cdor")
    for n in range(slots):
        WorkshopSlotFactory(team=ot5, days=10, title=f"Extra workshop {n}")


def test_the_query_count_does_not_grow_with_the_activities(client_as):
    client = client_as(roles.DIRECTOR)
    client.get(reverse("planning"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("planning"))
    _grow(TIMELINE_PAGE_SIZE + 10, events=8, slots=8)
    with CaptureQueriesContext(connection) as after:
        response = client.get(reverse("planning"))
    assert len(after) == len(before)
    assert sum(len(lane.bars) for lane in response.context["timeline"].lanes) == (
        TIMELINE_PAGE_SIZE
    )


def test_a_large_planning_is_paged_on_one_time_axis(client_as):
    last = ActivityFactory(
        team=Team.objects.get(number=6, programme__slug="cdor"),
        order=900,
        title="Far ahead",
        planning_kind=PlanningKind.PERIOD,
        start_month=datetime.date(2026, 1, 1),
        end_month=datetime.date(2027, 6, 1),
    )
    _grow(TIMELINE_PAGE_SIZE)
    total = Activity.objects.filter(team__programme__slug="cdor").count()
    first_page = _page(client_as)
    bars = [bar for lane in first_page.context["timeline"].lanes for bar in lane.bars]
    assert len(bars) == TIMELINE_PAGE_SIZE
    assert last.pk not in {bar.activity.pk for bar in bars}
    # The axis reaches the last activity's end on every page, so bars stand alike.
    assert first_page.context["timeline"].last >= datetime.date(2027, 6, 1)
    content = first_page.content.decode()
    assert f"Activiteiten 1 tot en met {TIMELINE_PAGE_SIZE} van {total}" in content
    assert 'rel="next"' in content
    second = _page(client_as, page=2)
    assert second.context["timeline"].first == first_page.context["timeline"].first
    shown = [bar.activity.pk for lane in second.context["timeline"].lanes for bar in lane.bars]
    assert len(shown) == total - TIMELINE_PAGE_SIZE and last.pk in shown
    # Only the teams with activities on the page have a lane.
    assert [lane.team.number for lane in second.context["timeline"].lanes] == [3, 4, 5, 6]


def test_a_busy_month_draws_three_milestones_and_a_mark_for_the_rest(client_as):
    seed_events = Event.objects.filter(
        programme__slug="cdor", date__year=2021, date__month=11
    ).count()
    _grow(0, events=5, slots=4)
    timeline = _page(client_as).context["timeline"]
    november = [
        m for m in timeline.milestones if m.when.replace(day=1) == datetime.date(2021, 11, 1)
    ]
    drawn = [m for m in november if m.kind == "event"]
    assert len(drawn) == 3
    (more,) = [m for m in november if m.kind == "more"]
    assert more.count == seed_events + 5 - 3
    assert more.url == reverse("agenda") + "?month=2021-11"
    in_ten_days = (timezone.localdate() + datetime.timedelta(days=10)).replace(day=1)
    busy = [m for m in timeline.milestones if m.when.replace(day=1) == in_ten_days]
    assert len([m for m in busy if m.kind == "workshop"]) == 3
    assert any(m.kind == "more" and m.count >= 1 for m in busy)
    assert f"+{more.count}" in _page(client_as).content.decode()


def test_with_many_goals_the_goal_filter_asks_for_a_team_first(client_as):
    team = Team.objects.get(number=2, programme__slug="cdor")
    for n in range(GOAL_CHOICES_LIMIT):
        GoalFactory(team=team, order=100 + n, letter="", title=f"Extra goal {n}")
    form = _page(client_as).context["form"]
    assert list(form.fields["goal"].queryset) == []
    assert "Kies eerst een team om op zijn doelen te filteren." in _page(client_as).content.decode()
    chosen = _page(client_as, team=2).context["form"]
    assert set(chosen.fields["goal"].queryset) == set(team.goals.all())
    assert team.goals.count() > GOAL_CHOICES_LIMIT
