"""The services, called without a request (a command, the API): they ask the rule again,
record ``by`` as the author, and change nothing when refused or when nothing changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.services import ActivityInput, activity_create, activity_update
from budgets.models import Decision
from budgets.services import budget_line_update, budget_space_update, decision_record
from cases.services import case_update
from events.models import Event
from events.services import event_create
from partners.services import related_programme_update
from teams.models import Team
from teams.services import goal_update
from tests import roles
from tests.editing.conftest import snapshot


def activity_input(activity, **changes) -> ActivityInput:
    values = {
        name: getattr(activity, name)
        for name in [
            "title",
            "goal",
            "explanation",
            "result",
            "responsible",
            "planning_label",
            "planning_kind",
            "start_month",
            "end_month",
            "estimate_text",
            "estimate_min",
            "estimate_max",
            "estimate_doubtful",
            "status",
            "note",
        ]
    }
    values["cases"] = list(activity.cases.all())
    values.update(changes)
    return ActivityInput(**values)


def test_the_author_is_by_outside_a_request(user_named, ot1_activity):
    trekker1 = user_named(roles.team_lead(1))
    activity_update(
        activity=ot1_activity, by=trekker1, data=activity_input(ot1_activity, title="Uit script")
    )
    record = ot1_activity.history.first()
    assert (record.title, record.history_user) == ("Uit script", trekker1)


def test_nothing_changed_writes_no_record(user_named, ot1_activity):
    before = ot1_activity.history.count()
    activity_update(
        activity=ot1_activity, by=user_named(roles.team_lead(1)), data=activity_input(ot1_activity)
    )
    assert ot1_activity.history.count() == before


@pytest.mark.parametrize("username", ["trekker2", "directeur", "kernteam1", "beheerder"])
def test_the_service_asks_the_rule_again(user_named, ot1_activity, username):
    before = snapshot(ot1_activity)
    with pytest.raises(PermissionDenied) as refused:
        activity_update(
            activity=ot1_activity,
            by=user_named(username),
            data=activity_input(ot1_activity, title="Niet van mij"),
        )
    assert "OT1" in str(refused.value)
    assert snapshot(ot1_activity) == before


def test_the_service_checks_the_input_too(user_named, ot1_activity):
    before = snapshot(ot1_activity)
    with pytest.raises(ValidationError) as error:
        activity_update(
            activity=ot1_activity,
            by=user_named(roles.team_lead(1)),
            data=activity_input(ot1_activity, estimate_min=Decimal("9"), estimate_max=Decimal("1")),
        )
    assert "estimate_max" in error.value.message_dict
    assert snapshot(ot1_activity) == before


def test_an_activity_with_a_goal_of_another_team_is_not_added(user_named):
    team = Team.objects.get(number=1)
    other_goal = Team.objects.get(number=2).goals.first()
    count = team.activities.count()
    with pytest.raises(ValidationError) as error:
        activity_create(
            team=team,
            by=user_named(roles.team_lead(1)),
            data=ActivityInput(title="X", goal=other_goal),
        )
    assert "goal" in error.value.message_dict
    assert team.activities.count() == count


@pytest.mark.parametrize(
    ("call", "username"),
    [
        (
            lambda s, by: goal_update(goal=s["goal"], by=by, letter="A", title="X", text=""),
            "trekker2",
        ),
        (lambda s, by: case_update(case=s["case"], by=by, description="X", contact=""), "trekker5"),
        (
            lambda s, by: budget_line_update(
                line=s["line"], by=by, amount=Decimal("1"), main_activities=""
            ),
            "trekker5",
        ),
        (
            lambda s, by: budget_space_update(
                space=s["space"],
                by=by,
                amount_min=None,
                amount_max=None,
                carries_over=False,
                note="",
            ),
            "directeur",
        ),
        (
            lambda s, by: related_programme_update(
                related_programme=s["row"],
                by=by,
                name="X",
                knowledge_partner=None,
                knowledge_partner_text="",
                subject="",
                goal_letters="",
                remark="",
                position="",
                contacts=[],
            ),
            "casus-dordrecht",
        ),
    ],
    ids=["goal", "case", "budget-line", "budget-space", "related-programme"],
)
def test_every_write_refuses_the_wrong_role(
    call,
    username,
    user_named,
    ot1_goal,
    dordrecht,
    ot5_line_2021,
    space_2022,
    ot1_related_programme,
):
    subjects = {
        "goal": ot1_goal,
        "case": dordrecht,
        "line": ot5_line_2021,
        "space": space_2022,
        "row": ot1_related_programme,
    }
    before = {name: snapshot(obj) for name, obj in subjects.items()}
    with pytest.raises(PermissionDenied):
        call(subjects, user_named(username))
    assert {name: snapshot(obj) for name, obj in subjects.items()} == before


def test_decisions_and_events_only_by_the_core_team(user_named, programme):
    counts = (Decision.objects.count(), Event.objects.count())
    for username in ["directeur", "trekker1", "beheerder"]:
        with pytest.raises(PermissionDenied):
            decision_record(
                programme=programme,
                by=user_named(username),
                date=datetime.date(2022, 1, 1),
                meeting="Kernteam",
                text="X",
            )
        with pytest.raises(PermissionDenied):
            event_create(
                programme=programme,
                by=user_named(username),
                kind="atelier",
                title="X",
                date=datetime.date(2022, 1, 1),
            )
    assert (Decision.objects.count(), Event.objects.count()) == counts


def test_the_budget_space_range_is_checked_by_the_service(user_named, space_2022):
    before = snapshot(space_2022)
    with pytest.raises(ValidationError) as error:
        budget_space_update(
            space=space_2022,
            by=user_named(roles.CORE_TEAM),
            amount_min=Decimal("500000"),
            amount_max=Decimal("400000"),
            carries_over=False,
            note="",
        )
    assert "amount_max" in error.value.message_dict
    assert snapshot(space_2022) == before


def test_an_absurd_amount_is_refused_by_the_service(user_named, ot5_line_2021):
    with pytest.raises(ValidationError):
        budget_line_update(
            line=ot5_line_2021,
            by=user_named(roles.CORE_TEAM),
            amount=Decimal("100000000.00"),
            main_activities="",
        )
