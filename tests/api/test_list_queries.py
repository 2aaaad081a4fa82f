"""Every API list runs the same number of queries at two sizes of data (the seed, and the
seed with some 60 more rows of every kind), at most 25; it answers what DRF itself would
render; and a spending request's ``actions`` in the list are what the rule says."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from budgets.models import BudgetLine
from citydeal.api.serializers import PlannedRepresentation
from citydeal.api_urls import router
from reporting.services import snapshot_create
from spending.constants import SpendingState
from spending.models import SpendingRequest
from spending.permissions import spending_actions_for
from teams.models import Programme, Team
from tests import factories, roles
from workshops.constants import BookingState

pytestmark = pytest.mark.django_db

LISTS = [f"/api/v1/{prefix}/" for prefix, _viewset, _basename in router.registry]
# Who reads the lists: all of them (the core team), a team lead (spending: the own
# team's requests), a director.
READERS = [roles.CORE_TEAM, roles.team_lead(1), roles.DIRECTOR]
GROWTH = 60
# The lists a reader may not read: the snapshots are the core team's and directors'.
NOT_READ = {roles.team_lead(1): {"/api/v1/snapshots/"}}


def _lists(reader: str) -> list[str]:
    return [url for url in LISTS if url not in NOT_READ.get(reader, ())]


def _snapshots(count: int):
    cdor = Programme.objects.get(slug="cdor")
    core = User.objects.get(username=roles.CORE_TEAM)
    for i in range(count):
        snapshot_create(programme=cdor, by=core, title=f"Update {i}")


STATES = list(SpendingState)


def _grow():
    """Some 60 more rows of every kind a list shows, with the relations each row shows."""
    cdor = Programme.objects.get(slug="cdor")
    teams = list(Team.objects.filter(programme=cdor).order_by("number"))
    lines = list(
        BudgetLine.objects.filter(team__programme=cdor, amount__gt=0).select_related(
            "team", "period"
        )
    )
    leads = {team.pk: User.objects.get(username=roles.team_lead(team.number)) for team in teams}
    owner = User.objects.get(username=roles.case_owner(roles.DORDRECHT))
    for number in range(7, 7 + GROWTH // 6):
        factories.TeamFactory(programme=cdor, number=number).leads.add(leads[teams[0].pk])
    for i in range(GROWTH // 6):
        period = factories.BudgetPeriodFactory(programme=cdor, start_year=2030 + i)
        for team in teams:
            factories.BudgetLineFactory(team=team, period=period)
    for i in range(GROWTH):
        team = teams[i % len(teams)]
        case = factories.CaseFactory(programme=cdor, lead_team=team)
        case.teams.add(team)
        case.owners.add(owner)
        case.costs.create(year=2021, amount=Decimal("100.00"))
        activity = factories.ActivityFactory(team=team, order=1000 + i)
        activity.cases.add(case)
        factories.GoalFactory(team=team, order=100 + i, letter="")
        factories.EventFactory(programme=cdor, teams=[team], cases=[case])
        factories.DecisionFactory(programme=cdor, budget_lines=[lines[i % len(lines)]])
        contact = factories.ContactFactory()
        factories.RelatedProgrammeFactory(team=team, order=1000 + i, contacts=[contact])
        factories.BudgetSpaceFactory(programme=cdor, year=2100 + i)
    for i in range(GROWTH):
        line = lines[i % len(lines)]
        factories.SpendingRequestFactory(
            budget_line=line,
            created_by=leads[line.team_id],
            activity=None,
            year=line.period.start_year,
            state=STATES[i % len(STATES)],
            amount=Decimal("1.00"),
            actual_amount=Decimal("1.00"),
            realised_on=datetime.date(line.period.start_year, 6, 1),
        )
    _workshops(GROWTH)


BOOKING_STATES = [BookingState.REQUESTED, BookingState.CONFIRMED, BookingState.DECLINED]


def _workshops(count: int):
    """``count`` workshop slots, alternately of OT1 and OT5, each with a booking (in turn
    requested, confirmed, declined, with their trail) and a second, requested one."""
    cdor = Programme.objects.get(slug="cdor")
    teams = list(Team.objects.filter(programme=cdor, number__in=(1, 5)))
    for i in range(count):
        slot = factories.WorkshopSlotFactory(team=teams[i % 2], days=7 + i, topic=f"t{i % 4}")
        for state in (BOOKING_STATES[i % len(BOOKING_STATES)], BookingState.REQUESTED):
            case = factories.CaseFactory(programme=cdor)
            factories.BookingFactory(slot=slot, case=case, state=state)
    _snapshots(2)


def _a_request_in_every_state():
    """The seed has no spending requests: the smaller size has one in every state."""
    line = BudgetLine.objects.get(team__number=1, period__start_year=2021)
    lead = User.objects.get(username=roles.team_lead(1))
    for state in STATES:
        factories.SpendingRequestFactory(budget_line=line, created_by=lead, state=state)
    _workshops(3)


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return [query["sql"] for query in queries]


def test_every_list_runs_the_same_queries_at_two_sizes(api):
    _a_request_in_every_state()
    clients = {reader: api(reader) for reader in READERS}
    for client in clients.values():
        client.get("/api/v1/teams/")  # the first request opens the throttle's window
    small = {
        (reader, url): _queries(clients[reader], url)
        for reader in READERS
        for url in _lists(reader)
    }
    _grow()
    for reader in READERS:
        for url in _lists(reader):
            rows = clients[reader].get(url).json()["results"]
            if url.endswith(
                ("/spending-requests/", "/budget-lines/", "/decisions/", "/workshop-slots/")
            ):
                assert len(rows) == 50 or reader != roles.CORE_TEAM, url  # a full page
    failures = []
    for (reader, url), before in small.items():
        after = _queries(clients[reader], url)
        if len(after) != len(before) or len(after) > 25:
            failures.append(f"{reader} {url}: {len(before)} -> {len(after)}\n" + "\n".join(after))
    assert not failures, "\n\n".join(failures)


def test_a_list_grows_no_query_per_row_on_a_second_page(api):
    _grow()
    client = api(roles.CORE_TEAM)
    client.get("/api/v1/teams/")
    for url in (
        "/api/v1/spending-requests/",
        "/api/v1/activities/",
        "/api/v1/cases/",
        "/api/v1/workshop-slots/",
        "/api/v1/bookings/",
    ):
        first, second = _queries(client, url), _queries(client, f"{url}?page=2")
        assert len(first) == len(second), url


@pytest.mark.parametrize("reader", READERS)
def test_every_list_renders_what_drf_itself_renders(api, monkeypatch, reader):
    """The planned representation is DRF's, field for field, on every list and on a
    spending request's detail (with its trail and changes)."""
    _grow()
    client = api(reader)
    urls = [*_lists(reader), *(f"{url}?page=2" for url in LISTS if "spending" in url)]
    visible = client.get("/api/v1/spending-requests/").json()["results"]
    urls += [f"/api/v1/spending-requests/{row['id']}/" for row in visible[:10]]
    planned = {url: client.get(url).json() for url in urls}

    def drf_own(self, instance):
        return super(PlannedRepresentation, self).to_representation(instance)

    monkeypatch.setattr(PlannedRepresentation, "to_representation", drf_own)
    for url in urls:
        assert client.get(url).json() == planned[url], url
    assert any(row["transitions"] for row in visible)


SPENDING_FIELDS = {
    "id",
    "budget_line",
    "team",
    "activity",
    "year",
    "title",
    "description",
    "amount",
    "state",
    "created_by",
    "submitted_by",
    "submitted_at",
    "decided_by",
    "decided_at",
    "actual_amount",
    "realised_on",
    "decision",
    "created",
    "updated",
    "transitions",
    "actions",
}
TRANSITION_FIELDS = {"at", "by", "from_state", "to_state", "amount", "note"}


def test_the_spending_list_keeps_its_fields_and_the_detail_adds_the_changes(api):
    factories.SpendingRequestFactory(
        budget_line=BudgetLine.objects.get(pk=1),
        created_by=User.objects.get(username=roles.team_lead(1)),
        approved=True,
    )
    client = api(roles.CORE_TEAM)
    row = client.get("/api/v1/spending-requests/").json()["results"][0]
    assert set(row) == SPENDING_FIELDS
    assert [step["to_state"] for step in row["transitions"]] == ["ingediend", "goedgekeurd"]
    assert set(row["transitions"][0]) == TRANSITION_FIELDS
    assert row["transitions"][0]["by"] == roles.team_lead(1)
    detail = client.get(f"/api/v1/spending-requests/{row['id']}/").json()
    assert set(detail) == SPENDING_FIELDS | {"changes"}
    assert {key: detail[key] for key in SPENDING_FIELDS} == row


SPENDING_READERS = [
    roles.CORE_TEAM,
    roles.CORE_TEAM_OTHER,
    roles.DIRECTOR,
    roles.team_lead(1),
    roles.team_lead(2),
]


@pytest.mark.parametrize("username", SPENDING_READERS)
def test_the_actions_in_the_list_are_the_rules_actions(api, username):
    """Requests in every state, made by a team lead and by a core team member, on two
    teams: for each, the list's actions are the detail's and ``spending_actions_for``'s
    on a request read anew."""
    makers = [
        (roles.team_lead(1), BudgetLine.objects.get(team__number=1, period__start_year=2021)),
        (roles.team_lead(2), BudgetLine.objects.get(team__number=2, period__start_year=2022)),
        (roles.CORE_TEAM, BudgetLine.objects.get(team__number=1, period__start_year=2021)),
        (roles.CORE_TEAM_OTHER, BudgetLine.objects.get(team__number=2, period__start_year=2022)),
    ]
    for maker, line in makers:
        # Four eyes: a core team member never decides or realises the own request.
        decider = roles.CORE_TEAM_OTHER if maker == roles.CORE_TEAM else roles.CORE_TEAM
        for state in STATES:
            factories.SpendingRequestFactory(
                budget_line=line,
                created_by=User.objects.get(username=maker),
                state=state,
                decided_by=User.objects.get(username=decider),
                realised_by=User.objects.get(username=decider),
                realised_on=datetime.date(line.period.start_year, 6, 1),
            )
    client = api(username)
    rows = client.get("/api/v1/spending-requests/").json()["results"]
    assert rows
    user = User.objects.get(username=username)
    seen = set()
    for row in rows:
        fresh = SpendingRequest.objects.get(pk=row["id"])
        expected = [action.value for action in spending_actions_for(user, fresh)]
        assert row["actions"] == expected, (username, fresh.state, row["created_by"])
        assert client.get(f"/api/v1/spending-requests/{row['id']}/").json()["actions"] == expected
        seen.update(expected)
    if username in (roles.CORE_TEAM, roles.CORE_TEAM_OTHER):
        assert {"approve", "reject", "return", "realise"} <= seen
    if username == roles.team_lead(1):
        assert {"submit", "withdraw"} <= seen


@pytest.mark.parametrize("languages", [("nl", "en"), ("en", "nl")])
def test_the_fields_made_once_are_those_of_the_active_language(languages):
    """DRF decides a field's label by comparing texts in the active language: the fields
    kept per serializer class are kept per language too."""
    from django.utils import translation
    from rest_framework import serializers

    from activities.api.serializers import ActivitySerializer
    from cases.api.serializers import CaseSerializer

    for language in (*languages, *languages):
        with translation.override(language):
            for serializer_class in (ActivitySerializer, CaseSerializer):
                kept = serializer_class().get_fields()
                made = serializers.ModelSerializer.get_fields(serializer_class())
                assert {name: repr(field) for name, field in kept.items()} == {
                    name: repr(field) for name, field in made.items()
                }, (language, serializer_class)
