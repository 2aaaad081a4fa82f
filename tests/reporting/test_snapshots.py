"""Snapshots: what one holds, what changed between two of them after a change of each
kind, and that a snapshot never changes afterwards."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from activities.models import Activity, ActivityStatus, PlanningKind
from budgets.models import BudgetLine, BudgetSpace
from budgets.services import budget_line_update, budget_space_update, decision_record
from citydeal.trail import TrailImmutableError
from reporting.changes import ChangeKind, changes_between, group_changes
from reporting.models import Snapshot
from reporting.selectors import changes_since_last, changes_since_previous
from reporting.services import snapshot_create
from spending.constants import SpendingState
from spending.services import (
    spending_request_approve,
    spending_request_realise,
    spending_request_reject,
    spending_request_submit,
)
from teams.models import Programme, Team
from tests import roles
from tests.factories import (
    ActivityFactory,
    BookingFactory,
    SpendingRequestFactory,
    WorkshopSlotFactory,
)
from workshops.constants import BookingState
from workshops.models import Booking

pytestmark = pytest.mark.django_db


def _programme() -> Programme:
    return Programme.objects.get(slug="cdor")


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _take(title: str = "Update directeurenoverleg 24 maart") -> Snapshot:
    return snapshot_create(programme=_programme(), by=_user(roles.CORE_TEAM), title=title)


def _changes_after(change) -> list:
    """The changes between a snapshot before ``change()`` and one after it."""
    _take("Voor")
    change()
    return changes_since_previous(_take("Na")).changes


def _line(team: int = 1, period: str = "2021") -> BudgetLine:
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=team, period__label=period
    )


def _activity(team: int = 2) -> Activity:
    return Activity.objects.filter(team__number=team, team__programme__slug="cdor").order_by(
        "order"
    )[0]


def test_a_snapshot_holds_the_figures_and_the_objects_to_compare():
    snapshot = _take()
    assert snapshot.title == "Update directeurenoverleg 24 maart"
    assert snapshot.taken_by.username == roles.CORE_TEAM
    assert snapshot.version == 1
    figures = snapshot.data["figures"]
    assert any(p["teams_total"] == "1360000.00" for p in figures["money"]["space_per_period"])
    items = snapshot.data["items"]
    line = _line()
    assert items["budget_lines"][str(line.pk)] == {
        "team": "OT1",
        "period": "2021",
        "amount": f"{line.amount:.2f}",
    }
    assert set(items["budget_space"]) == {
        str(y) for y in BudgetSpace.objects.values_list("year", flat=True)
    }
    assert len(items["activities"]) == Activity.objects.count()
    activity = Activity.objects.filter(responsible__iexact="ntb").first()
    assert "responsible_open" in items["activities"][str(activity.pk)]["open_points"]


def test_the_first_snapshot_has_nothing_to_compare_with():
    comparison = changes_since_previous(_take())
    assert comparison.older is None
    assert comparison.changes == []


def test_nothing_changed_between_two_snapshots_of_the_same_state():
    assert _changes_after(lambda: None) == []


def test_a_budget_lines_amount():
    line = _line()
    old = line.amount

    def change():
        budget_line_update(
            line=line, by=_user(roles.CORE_TEAM), amount=Decimal("61000.00"), main_activities=""
        )

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.BUDGET_LINE
    assert (changed.team, changed.title) == ("OT1", "OT1 2021")
    assert changed.was == {"amount": f"{old:.2f}"}
    assert changed.now == {"amount": "61000.00"}
    assert changed.link == ("budget-line-detail", (line.pk,))


def test_a_years_budget_space():
    space = BudgetSpace.objects.get(programme__slug="cdor", year=2022)

    def change():
        budget_space_update(
            space=space,
            by=_user(roles.CORE_TEAM),
            amount_min=Decimal("450000.00"),
            amount_max=space.amount_max,
            carries_over=space.carries_over,
            note=space.note,
        )

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.BUDGET_SPACE
    assert changed.title == "2022"
    assert changed.was["amount_min"] == f"{space.amount_min:.2f}"
    assert changed.now["amount_min"] == "450000.00"


def test_an_approval_with_its_amount():
    request = SpendingRequestFactory(budget_line=_line(), amount=Decimal("1250.50"), submitted=True)
    (changed,) = _changes_after(
        lambda: spending_request_approve(request_id=request.pk, by=_user(roles.CORE_TEAM))
    )
    assert changed.kind == ChangeKind.APPROVED
    assert (changed.team, changed.title) == ("OT1", request.title)
    assert changed.was["state"] == SpendingState.SUBMITTED
    assert changed.now == {
        "state": SpendingState.APPROVED,
        "amount": "1250.50",
        "actual_amount": None,
    }
    assert changed.link == ("spending-detail", (request.pk,))


def test_a_realisation_with_the_actual_amount():
    request = SpendingRequestFactory(budget_line=_line(), amount=Decimal("1000.00"), approved=True)

    def change():
        spending_request_realise(
            request_id=request.pk,
            by=_user(roles.CORE_TEAM_OTHER),
            actual_amount=Decimal("900.00"),
            realised_on=datetime.date(2021, 12, 1),
        )

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.REALISED
    assert changed.was == {
        "state": SpendingState.APPROVED,
        "amount": "1000.00",
        "actual_amount": None,
    }
    assert changed.now["actual_amount"] == "900.00"


def test_a_rejection_and_a_request_that_only_moved_to_submitted():
    rejected = SpendingRequestFactory(budget_line=_line(), submitted=True)
    draft = SpendingRequestFactory(budget_line=_line(), state=SpendingState.DRAFT)

    def change():
        spending_request_reject(request_id=rejected.pk, by=_user(roles.CORE_TEAM), note="Te duur")
        spending_request_submit(request_id=draft.pk, by=draft.created_by)

    (changed,) = _changes_after(change)  # being submitted is no decision to report
    assert changed.kind == ChangeKind.REJECTED
    assert changed.title == rejected.title


def test_a_status_shift():
    activity = _activity()
    old = activity.status
    new = ActivityStatus.DONE if old != ActivityStatus.DONE else ActivityStatus.PLANNED
    (changed,) = _changes_after(lambda: Activity.objects.filter(pk=activity.pk).update(status=new))
    assert changed.kind == ChangeKind.STATUS
    assert (changed.team, changed.title) == ("OT2", activity.title)
    assert (changed.was, changed.now) == ({"status": old}, {"status": new})
    assert changed.link == ("activity-detail", (activity.pk,))


def test_a_planning_shift():
    activity = Activity.objects.filter(
        team__programme__slug="cdor", start_month__isnull=False
    ).first()

    def change():
        Activity.objects.filter(pk=activity.pk).update(
            start_month=datetime.date(2023, 1, 1),
            end_month=datetime.date(2023, 6, 1),
            planning_label="jan '23 - jun '23",
            planning_kind=PlanningKind.PERIOD,
        )

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.PLANNING
    assert changed.was["start_month"] == activity.start_month.isoformat()
    assert changed.now == {
        "planning_label": "jan '23 - jun '23",
        "planning_kind": PlanningKind.PERIOD,
        "start_month": "2023-01-01",
        "end_month": "2023-06-01",
    }


def test_an_estimate_change():
    activity = Activity.objects.filter(
        team__programme__slug="cdor", estimate_min__isnull=False, estimate_doubtful=False
    ).first()

    def change():
        Activity.objects.filter(pk=activity.pk).update(
            estimate_min=Decimal("70000.00"), estimate_max=Decimal("80000.00")
        )

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.ESTIMATE
    assert changed.was["estimate_min"] == f"{activity.estimate_min:.2f}"
    assert changed.now == {
        "estimate_min": "70000.00",
        "estimate_max": "80000.00",
        "estimate_doubtful": False,
    }


def test_a_new_decision():
    def change():
        decision_record(
            programme=_programme(),
            by=_user(roles.CORE_TEAM),
            date=datetime.date(2022, 3, 10),
            meeting="Kernteam",
            text="Groen licht voor\nde ateliers",
        )

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.DECISION
    assert changed.title == "Groen licht voor de ateliers"
    assert changed.was is None
    assert changed.now == {"date": "2022-03-10", "meeting": "Kernteam", "reference": "kernteam"}


def test_a_workshop_held():
    team = Team.objects.get(programme__slug="cdor", number=5)
    held = BookingFactory(slot=WorkshopSlotFactory(team=team, title="Datasessie"), confirmed=True)
    other = BookingFactory(slot=WorkshopSlotFactory(team=team, days=9), confirmed=True)

    def change():
        Booking.objects.filter(pk=held.pk).update(state=BookingState.HELD)
        Booking.objects.filter(pk=other.pk).update(state=BookingState.CANCELLED)

    (changed,) = _changes_after(change)
    assert changed.kind == ChangeKind.WORKSHOP_HELD
    assert (changed.team, changed.title) == ("OT5", "Datasessie")
    assert changed.was["state"] == BookingState.CONFIRMED
    assert changed.now["state"] == BookingState.HELD
    assert changed.now["case"] == held.case.title
    assert changed.link == ("booking-detail", (held.pk,))


def test_an_open_point_closed_and_one_new():
    closing = Activity.objects.filter(
        team__programme__slug="cdor", responsible__iexact="ntb"
    ).first()
    opening = Activity.objects.filter(
        team__programme__slug="cdor", planning_kind=PlanningKind.PERIOD
    ).first()

    def change():
        Activity.objects.filter(pk=closing.pk).update(responsible="Gemeente Dordrecht")
        Activity.objects.filter(pk=opening.pk).update(planning_kind=PlanningKind.TBD)

    changes = _changes_after(change)
    by_kind = {c.kind: c for c in changes}
    closed = by_kind[ChangeKind.OPEN_POINT_CLOSED]
    assert closed.title == closing.title
    assert closed.was == {"point": "responsible_open", "open": True}
    assert closed.now == {"point": "responsible_open", "open": False}
    new = by_kind[ChangeKind.OPEN_POINT_NEW]
    assert new.title == opening.title
    assert new.now == {"point": "planning_open", "open": True}
    # The planning kind moved too: a planning shift, and nothing else.
    assert {c.kind for c in changes} == {
        ChangeKind.OPEN_POINT_CLOSED,
        ChangeKind.OPEN_POINT_NEW,
        ChangeKind.PLANNING,
    }


def test_an_activity_added_and_one_removed():
    team = Team.objects.get(programme__slug="cdor", number=3)
    removed = ActivityFactory(team=team, order=900, title="Verdwijnt", responsible="Jan")

    def change():
        Activity.objects.filter(pk=removed.pk).delete()
        ActivityFactory(team=team, order=901, title="Nieuw", responsible="ntb")

    changes = _changes_after(change)
    kinds = [c.kind for c in changes]
    assert ChangeKind.ACTIVITY_ADDED in kinds and ChangeKind.ACTIVITY_REMOVED in kinds
    added = next(c for c in changes if c.kind == ChangeKind.ACTIVITY_ADDED)
    assert (added.team, added.title, added.was) == ("OT3", "Nieuw", None)
    gone = next(c for c in changes if c.kind == ChangeKind.ACTIVITY_REMOVED)
    assert (gone.title, gone.now, gone.link) == ("Verdwijnt", None, None)
    # The new activity's undecided responsible is a new open point; the removed one's
    # points went with it.
    new_points = [c for c in changes if c.kind == ChangeKind.OPEN_POINT_NEW]
    assert [
        (c.title, c.now["point"]) for c in new_points if c.now["point"] == "responsible_open"
    ] == [("Nieuw", "responsible_open")]
    assert not [c for c in changes if c.kind == ChangeKind.OPEN_POINT_CLOSED]


def test_changes_come_grouped_in_a_fixed_order():
    activity = _activity()
    line = _line()

    def change():
        Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
        budget_line_update(
            line=line,
            by=_user(roles.CORE_TEAM),
            amount=Decimal("1.00") + line.amount,
            main_activities="",
        )

    groups = group_changes(_changes_after(change))
    assert [g.kind for g in groups] == [ChangeKind.BUDGET_LINE, ChangeKind.STATUS]
    assert [len(g.changes) for g in groups] == [1, 1]


def test_what_changed_since_the_last_snapshot_up_to_now():
    assert changes_since_last(programme=_programme()).older is None
    last = _take()
    activity = _activity()
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
    comparison = changes_since_last(programme=_programme())
    assert comparison.older == last
    assert comparison.newer is None
    assert [(c.kind, c.title) for c in comparison.changes] == [(ChangeKind.STATUS, activity.title)]


def test_comparing_is_pure_data():
    older = {"items": {"decisions": {}}}
    newer = {
        "items": {
            "decisions": {
                "7": {"date": "2022-01-01", "reference": "k", "meeting": "K", "title": "T"}
            }
        }
    }
    (changed,) = changes_between(older, newer)
    assert (changed.kind, changed.key) == (ChangeKind.DECISION, "7")
    assert changes_between(newer, older) == []  # a decision gone is no new decision


# -- a snapshot never changes -----------------------------------------------------------


def test_saving_a_snapshot_again_raises():
    snapshot = _take()
    snapshot.title = "Anders"
    with pytest.raises(TrailImmutableError):
        snapshot.save()
    with pytest.raises(TrailImmutableError):
        snapshot.delete()
    with pytest.raises(TrailImmutableError):
        Snapshot.objects.filter(pk=snapshot.pk).update(title="Anders")
    with pytest.raises(TrailImmutableError):
        Snapshot.objects.filter(pk=snapshot.pk).delete()
    assert Snapshot.objects.get(pk=snapshot.pk).title == "Update directeurenoverleg 24 maart"


def test_later_changes_in_the_data_do_not_change_a_snapshot():
    snapshot = _take()
    before = Snapshot.objects.get(pk=snapshot.pk).data
    line = _line()
    budget_line_update(
        line=line,
        by=_user(roles.CORE_TEAM),
        amount=Decimal("1.00") + line.amount,
        main_activities="",
    )
    SpendingRequestFactory(budget_line=line, amount=Decimal("10.00"), approved=True)
    assert Snapshot.objects.get(pk=snapshot.pk).data == before


# -- who takes one, and what a title must be ------------------------------------------


@pytest.mark.parametrize(
    "username",
    [roles.DIRECTOR, roles.team_lead(1), roles.case_owner(roles.DORDRECHT), roles.FUNCTIONAL_ADMIN],
)
def test_only_the_core_team_takes_a_snapshot(username):
    with pytest.raises(PermissionDenied):
        snapshot_create(programme=_programme(), by=_user(username), title="Update")
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize(
    ("title", "field_error"),
    [("", "title"), ("   ", "title"), ("Update\nmaart", "title"), ("x" * 201, "title")],
)
def test_a_title_is_one_line_and_required(title, field_error):
    with pytest.raises(ValidationError) as raised:
        snapshot_create(programme=_programme(), by=_user(roles.CORE_TEAM), title=title)
    assert field_error in raised.value.message_dict
    assert not Snapshot.objects.exists()


def test_two_snapshots_at_the_same_moment_compare_in_the_order_taken():
    first = _take("Een")
    second = _take("Twee")
    # Set-up: the same moment for both (a double click); a plain queryset, past the
    # snapshots' own manager that refuses updates.
    QuerySet(Snapshot).filter(pk__in=[first.pk, second.pk]).update(taken_at=timezone.now())
    assert changes_since_previous(Snapshot.objects.get(pk=second.pk)).older == first
    assert changes_since_previous(Snapshot.objects.get(pk=first.pk)).older is None


# -- the admin shows snapshots and changes none -----------------------------------------


@pytest.mark.parametrize("username", [roles.FUNCTIONAL_ADMIN, "superuser"])
def test_the_admin_shows_a_snapshot_and_refuses_to_change_it(username, client):
    if username == "superuser":
        user = User.objects.create_superuser("root", "root@example.org", "x-very-secret-1")
    else:
        user = _user(username)
    client.force_login(user)
    snapshot = _take()
    change_url = reverse("admin:reporting_snapshot_change", args=[snapshot.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:reporting_snapshot_changelist")).status_code == 200
    assert client.get(reverse("admin:reporting_snapshot_add")).status_code == 403
    assert client.post(change_url, {"title": "Anders"}).status_code == 403
    delete_url = reverse("admin:reporting_snapshot_delete", args=[snapshot.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Snapshot.objects.get(pk=snapshot.pk).title == snapshot.title


# -- the command takes one through the same service ----------------------------------------


def test_the_command_takes_a_snapshot_as_the_core_team():
    call_command("take_snapshot", "Update (seed)", "--by", roles.CORE_TEAM, stdout=StringIO())
    assert Snapshot.objects.get().title == "Update (seed)"


@pytest.mark.parametrize(
    ("by", "title"), [(roles.DIRECTOR, "Update"), ("nobody-here", "Update"), (roles.CORE_TEAM, "")]
)
def test_the_command_refuses_what_the_page_refuses(by, title):
    with pytest.raises(CommandError):
        call_command("take_snapshot", title, "--by", by, stdout=StringIO())
    assert not Snapshot.objects.exists()
