"""The life cycle of a spending request, step by step: who may take each step, from
which state, with what input, and that a refused step changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict

from spending import services
from spending.constants import TRANSITIONS, SpendingAction, SpendingState, target_state
from spending.exceptions import TransitionNotAllowed
from spending.models import SpendingRequest, SpendingTransition
from spending.permissions import (
    can_decide_spending,
    can_realise_spending,
    can_submit_spending,
    can_submit_spending_request,
    can_withdraw_spending,
)
from tests import roles
from tests.spending.conftest import dutch

S = SpendingState
A = SpendingAction


def snapshot(req: SpendingRequest) -> tuple:
    fresh = SpendingRequest.objects.get(pk=req.pk)
    return model_to_dict(fresh), fresh.updated, list(fresh.transitions.values_list("pk", "note"))


@pytest.fixture
def refused(django_capture_on_commit_callbacks, mailoutbox):
    """Runs a step that must be refused; checks that nothing changed and no mail was queued."""

    def check(call, exc_type, req: SpendingRequest):
        before = snapshot(req)
        requests_before = SpendingRequest.objects.count()
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(exc_type) as info,
        ):
            call()
        assert callbacks == []
        assert mailoutbox == []
        assert snapshot(req) == before
        assert SpendingRequest.objects.count() == requests_before
        return info.value

    return check


def step(action: A, req: SpendingRequest, by, note: str = "A reason."):
    """Takes ``action`` on ``req`` by ``by`` through its service."""
    if action == A.SUBMIT:
        return services.spending_request_submit(request_id=req.pk, by=by, note=note)
    if action == A.APPROVE:
        return services.spending_request_approve(request_id=req.pk, by=by, note=note)
    if action == A.REJECT:
        return services.spending_request_reject(request_id=req.pk, by=by, note=note)
    if action == A.RETURN:
        return services.spending_request_return(request_id=req.pk, by=by, note=note)
    if action == A.WITHDRAW:
        return services.spending_request_withdraw(request_id=req.pk, by=by, note=note)
    return services.spending_request_realise(
        request_id=req.pk,
        by=by,
        actual_amount=Decimal("9.50"),
        realised_on=datetime.date(2021, 12, 1),
        note=note,
    )


def actor(action: A, small, user_named):
    """Someone the rule allows to take ``action`` on a request lead-a created and submitted."""
    if action in (A.SUBMIT, A.WITHDRAW):
        return small.lead_a
    return user_named(roles.CORE_TEAM_OTHER)


# -- creating and changing ----------------------------------------------------------------


def test_a_team_lead_creates_a_draft_for_the_own_team(small):
    req = services.spending_request_create(
        by=small.lead_a,
        budget_line=small.line_a22,
        title="  Workshop venue  ",
        description="Two sessions.",
        amount=Decimal("1250.50"),
        activity=small.activity_a,
    )
    req.refresh_from_db()
    assert req.state == S.DRAFT
    assert req.year == 2022  # the first year of the line's period
    assert req.title == "Workshop venue"
    assert req.amount == Decimal("1250.50")
    assert req.created_by == small.lead_a
    assert req.submitted_by is None
    assert req.transitions.count() == 0


def test_the_core_team_creates_for_any_team(small, user_named):
    req = services.spending_request_create(
        by=user_named(roles.CORE_TEAM), budget_line=small.line_b21, title="x", amount=Decimal("1")
    )
    assert req.state == S.DRAFT


@pytest.mark.parametrize("username", ["lead-b", "trekker1", "directeur", "casus-dordrecht"])
def test_others_cannot_create_for_a_team(small, user_named, username):
    user = user_named(username)
    with pytest.raises(PermissionDenied) as info:
        services.spending_request_create(
            by=user, budget_line=small.line_a21, title="x", amount=Decimal("1")
        )
    assert str(info.value) == can_submit_spending(user, small.line_a21).reason
    assert not SpendingRequest.objects.filter(budget_line=small.line_a21).exists()


def test_the_activity_must_be_of_the_lines_team(small):
    with pytest.raises(ValidationError) as info:
        services.spending_request_create(
            by=small.lead_a,
            budget_line=small.line_a21,
            title="x",
            amount=Decimal("1"),
            activity=small.activity_b,
        )
    assert set(info.value.message_dict) == {"activity"}


@pytest.mark.parametrize("year", [2020, 2022, 2024])
def test_the_year_must_lie_within_the_period(small, year):
    line = small.line_a21 if year != 2024 else small.line_a22
    with pytest.raises(ValidationError) as info:
        services.spending_request_create(
            by=small.lead_a, budget_line=line, title="x", amount=Decimal("1"), year=year
        )
    assert set(info.value.message_dict) == {"year"}


def test_a_later_year_of_the_period_can_be_chosen(small):
    req = services.spending_request_create(
        by=small.lead_a, budget_line=small.line_a22, title="x", amount=Decimal("1"), year=2023
    )
    assert req.year == 2023


@pytest.mark.parametrize(
    "amount",
    [
        Decimal("0"),
        Decimal("0.00"),
        Decimal("-1"),
        Decimal("-0.01"),
        Decimal("10.001"),
        Decimal("0.005"),
        Decimal("100000000.00"),
        Decimal("1E+30"),
        Decimal("NaN"),
        Decimal("Infinity"),
        "abc",
        "",
        None,
        1.5,
        True,
    ],
    ids=repr,
)
def test_bad_amounts_are_refused_on_the_amount_field(small, amount):
    with pytest.raises(ValidationError) as info:
        services.spending_request_create(
            by=small.lead_a, budget_line=small.line_a21, title="x", amount=amount
        )
    assert set(info.value.message_dict) == {"amount"}
    assert not SpendingRequest.objects.filter(budget_line=small.line_a21).exists()


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        (Decimal("0.01"), Decimal("0.01")),
        (Decimal("10.5"), Decimal("10.50")),
        ("20", Decimal("20.00")),
        (Decimal("99999999.99"), Decimal("99999999.99")),
    ],
)
def test_good_amounts_are_stored_with_two_decimals(small, amount, stored):
    req = services.spending_request_create(
        by=small.lead_a, budget_line=small.line_a21, title="x", amount=amount
    )
    req.refresh_from_db()
    assert req.amount == stored


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_null_character_is_refused(small, field):
    data = {"title": "x", "description": ""}
    data[field] = "a\x00b"
    with pytest.raises(ValidationError) as info:
        services.spending_request_create(
            by=small.lead_a, budget_line=small.line_a21, amount=Decimal("1"), **data
        )
    assert set(info.value.message_dict) == {field}


def test_an_empty_title_is_refused(small):
    with pytest.raises(ValidationError) as info:
        services.spending_request_create(
            by=small.lead_a, budget_line=small.line_a21, title="   ", amount=Decimal("1")
        )
    assert set(info.value.message_dict) == {"title"}


@pytest.mark.parametrize("state", [S.DRAFT, S.RETURNED])
def test_the_creator_changes_a_draft_or_returned_request(small, maker, state):
    req = maker.in_state(state, small.line_a22, by=small.lead_a)

    services.spending_request_update(
        request_id=req.pk,
        by=small.lead_a,
        title="New title",
        amount=Decimal("12.34"),
        year=2023,
        activity=small.activity_a,
    )
    req.refresh_from_db()
    assert (req.title, req.amount, req.year, req.activity) == (
        "New title",
        Decimal("12.34"),
        2023,
        small.activity_a,
    )
    assert req.state == state


def test_moving_a_draft_to_another_line_takes_that_periods_first_year(small, maker):
    req = maker.draft(small.line_a22, by=small.lead_a, year=2023)
    services.spending_request_update(request_id=req.pk, by=small.lead_a, budget_line=small.line_a21)
    req.refresh_from_db()
    assert (req.budget_line, req.year) == (small.line_a21, 2021)


def test_a_team_lead_cannot_move_a_draft_to_another_teams_line(small, maker, refused):
    req = maker.draft(small.line_a21, by=small.lead_a)
    refused(
        lambda: services.spending_request_update(
            request_id=req.pk, by=small.lead_a, budget_line=small.line_b21
        ),
        PermissionDenied,
        req,
    )


@pytest.mark.parametrize("state", [S.SUBMITTED, S.APPROVED, S.REJECTED, S.WITHDRAWN, S.REALISED])
def test_a_request_past_draft_cannot_be_changed(small, maker, refused, state):
    req = maker.in_state(state, small.line_a21, by=small.lead_a)
    error = refused(
        lambda: services.spending_request_update(request_id=req.pk, by=small.lead_a, title="y"),
        TransitionNotAllowed,
        req,
    )
    assert error.code == "not_editable"
    assert str(S(state).label) in error.messages[0]


@pytest.mark.parametrize("username", ["kernteam1", "directeur", "lead-b"])
def test_only_the_creator_changes_a_draft(small, maker, refused, user_named, username):
    req = maker.draft(small.line_a21, by=small.lead_a)
    refused(
        lambda: services.spending_request_update(
            request_id=req.pk, by=user_named(username), title="y"
        ),
        PermissionDenied,
        req,
    )


def test_a_bad_amount_in_a_change_changes_nothing(small, maker, refused):
    req = maker.draft(small.line_a21, by=small.lead_a)
    error = refused(
        lambda: services.spending_request_update(
            request_id=req.pk, by=small.lead_a, title="changed", amount=Decimal("-5")
        ),
        ValidationError,
        req,
    )
    assert set(error.message_dict) == {"amount"}


# -- every step of the table -------------------------------------------------------------

HAPPY = sorted(TRANSITIONS.items(), key=lambda item: (item[0][1], item[0][0]))


@pytest.mark.parametrize(
    ("start", "action", "target"),
    [(start, action, target) for (start, action), target in HAPPY],
    ids=[f"{start}-{action}-{target}" for (start, action), target in HAPPY],
)
def test_each_step_of_the_table(
    small, maker, user_named, start, action, target, django_capture_on_commit_callbacks
):
    req = maker.in_state(start, small.line_a21, by=small.lead_a, amount="10.00")
    by = actor(action, small, user_named)
    steps_before = req.transitions.count()

    with django_capture_on_commit_callbacks() as callbacks:
        result = step(action, req, by, note="Why: because.")

    req.refresh_from_db()
    assert result.pk == req.pk
    assert req.state == target
    last = req.transitions.order_by("-at", "-pk").first()
    assert req.transitions.count() == steps_before + 1
    assert (last.by, last.from_state, last.to_state, last.note) == (
        by,
        start,
        target,
        "Why: because.",
    )
    assert len(callbacks) == 1  # the mail, after the commit


def test_submitting_records_who_and_when(small, maker):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    assert req.submitted_by == small.lead_a
    assert req.submitted_at is not None


def test_a_decision_records_who_and_when(small, maker, user_named):
    req = maker.rejected(small.line_a21, by=small.lead_a)
    assert req.decided_by == user_named(roles.CORE_TEAM)
    assert req.decided_at is not None


def test_approval_links_a_decision_of_the_programme(small, maker, user_named):
    from budgets.models import Decision

    decision = Decision.objects.create(
        programme=small.programme,
        date=datetime.date(2021, 10, 14),
        reference="groen-licht",
        meeting="Kernteam",
        text="Groen licht",
    )
    req = maker.submitted(small.line_a21, by=small.lead_a)
    services.spending_request_approve(
        request_id=req.pk, by=user_named(roles.CORE_TEAM), decision=decision
    )
    req.refresh_from_db()
    assert req.decision == decision


def test_approval_refuses_a_decision_of_another_programme(small, maker, user_named, refused):
    from budgets.models import Decision

    foreign = Decision.objects.filter(programme__slug="cdor").first()
    req = maker.submitted(small.line_a21, by=small.lead_a)
    error = refused(
        lambda: services.spending_request_approve(
            request_id=req.pk, by=user_named(roles.CORE_TEAM), decision=foreign
        ),
        ValidationError,
        req,
    )
    assert set(error.message_dict) == {"decision"}


def test_a_returned_request_is_changed_and_submitted_again(small, maker, user_named):
    req = maker.returned(small.line_a21, by=small.lead_a)
    services.spending_request_update(request_id=req.pk, by=small.lead_a, amount=Decimal("8"))
    services.spending_request_submit(request_id=req.pk, by=small.lead_a, note="Cheaper now.")
    services.spending_request_approve(request_id=req.pk, by=user_named(roles.CORE_TEAM_OTHER))

    req.refresh_from_db()
    assert req.state == S.APPROVED
    assert req.amount == Decimal("8.00")
    assert [(t.from_state, t.to_state) for t in req.transitions.all()] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.APPROVED),
    ]


WRONG_STATE = [
    (state, action)
    for action in SpendingAction
    for state in SpendingState
    if target_state(state, action) is None
]


@pytest.mark.parametrize(
    ("state", "action"), WRONG_STATE, ids=[f"{a}-from-{s}" for s, a in WRONG_STATE]
)
def test_a_step_the_table_does_not_allow_is_refused(
    small, maker, user_named, refused, state, action
):
    req = maker.in_state(state, small.line_a21, by=small.lead_a)
    by = actor(action, small, user_named)

    error = refused(lambda: step(action, req, by), TransitionNotAllowed, req)

    assert error.code == "transition_not_allowed"
    assert (error.state, error.action) == (state, action)
    with_state = dutch(
        "A request with status '%(state)s' cannot be %(action)s: this step is not possible."
    )
    assert error.messages[0].startswith(with_state.split("'")[0])
    assert str(S(state).label) in error.messages[0]


def test_approving_twice_is_refused(small, maker, user_named, refused):
    req = maker.approved(small.line_a21, by=small.lead_a)
    refused(
        lambda: services.spending_request_approve(
            request_id=req.pk, by=user_named(roles.CORE_TEAM_OTHER)
        ),
        TransitionNotAllowed,
        req,
    )


WRONG_ROLE = [
    (A.SUBMIT, S.DRAFT, "lead-b"),
    (A.SUBMIT, S.DRAFT, "trekker1"),
    (A.SUBMIT, S.DRAFT, "kernteam1"),
    (A.SUBMIT, S.DRAFT, "directeur"),
    (A.SUBMIT, S.DRAFT, "casus-dordrecht"),
    (A.SUBMIT, S.RETURNED, "kernteam1"),
    *(
        (action, S.SUBMITTED, username)
        for action in (A.APPROVE, A.REJECT, A.RETURN)
        for username in (
            "directeur",
            "lead-a",
            "lead-b",
            "trekker1",
            "casus-dordrecht",
            "beheerder",
        )
    ),
    (A.WITHDRAW, S.SUBMITTED, "kernteam1"),
    (A.WITHDRAW, S.SUBMITTED, "directeur"),
    (A.WITHDRAW, S.SUBMITTED, "lead-b"),
    (A.REALISE, S.APPROVED, "directeur"),
    (A.REALISE, S.APPROVED, "lead-a"),
    (A.REALISE, S.APPROVED, "trekker1"),
]


@pytest.mark.parametrize(
    ("action", "state", "username"), WRONG_ROLE, ids=[f"{a}-{u}" for a, s, u in WRONG_ROLE]
)
def test_a_step_by_the_wrong_role_is_refused_with_the_reason(
    small, maker, user_named, refused, action, state, username
):
    req = maker.in_state(state, small.line_a21, by=small.lead_a)
    user = user_named(username)

    error = refused(lambda: step(action, req, user), PermissionDenied, req)

    rule = {
        A.SUBMIT: can_submit_spending_request,
        A.APPROVE: can_decide_spending,
        A.REJECT: can_decide_spending,
        A.RETURN: can_decide_spending,
        A.WITHDRAW: can_withdraw_spending,
        A.REALISE: can_realise_spending,
    }[action]
    assert str(error) == rule(user, req).reason != ""


@pytest.mark.parametrize("action", [A.APPROVE, A.REJECT, A.RETURN])
def test_four_eyes_a_core_team_member_never_decides_on_an_own_request(
    small, maker, user_named, refused, action
):
    kernteam1 = user_named(roles.CORE_TEAM)
    req = maker.submitted(small.line_a21, by=kernteam1)

    error = refused(lambda: step(action, req, kernteam1), PermissionDenied, req)

    assert str(error) == dutch("You cannot decide on a request you submitted yourself.")
    # The other core team member may.
    step(action, req, user_named(roles.CORE_TEAM_OTHER))


@pytest.mark.parametrize("action", [A.REJECT, A.RETURN])
@pytest.mark.parametrize("note", ["", "   \n ", None])
def test_rejecting_and_returning_need_a_reason(small, maker, user_named, refused, action, note):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    error = refused(
        lambda: step(action, req, user_named(roles.CORE_TEAM_OTHER), note=note),
        ValidationError,
        req,
    )
    assert set(error.message_dict) == {"note"}


def test_a_note_with_a_null_character_is_refused(small, maker, user_named, refused):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    error = refused(
        lambda: step(A.APPROVE, req, user_named(roles.CORE_TEAM_OTHER), note="ok\x00"),
        ValidationError,
        req,
    )
    assert set(error.message_dict) == {"note"}


def test_an_absurdly_long_note_is_refused(small, maker, user_named, refused):
    req = maker.submitted(small.line_a21, by=small.lead_a)
    error = refused(
        lambda: step(A.REJECT, req, user_named(roles.CORE_TEAM_OTHER), note="x" * 5000),
        ValidationError,
        req,
    )
    assert set(error.message_dict) == {"note"}


def test_a_deactivated_team_lead_can_no_longer_submit(small, maker, refused):
    req = maker.draft(small.line_a21, by=small.lead_a)
    small.team_a.leads.remove(small.lead_a)
    lead = type(small.lead_a).objects.get(pk=small.lead_a.pk)  # no cached teams
    refused(
        lambda: services.spending_request_submit(request_id=req.pk, by=lead),
        PermissionDenied,
        req,
    )


# -- realising ----------------------------------------------------------------------------


def test_realising_records_the_actual_amount_and_date(small, maker, user_named):
    req = maker.approved(small.line_a21, by=small.lead_a, amount="50.00")
    services.spending_request_realise(
        request_id=req.pk,
        by=user_named(roles.CORE_TEAM),
        actual_amount=Decimal("47.25"),
        realised_on=datetime.date(2021, 11, 30),
    )
    req.refresh_from_db()
    assert (req.state, req.actual_amount, req.realised_on) == (
        S.REALISED,
        Decimal("47.25"),
        datetime.date(2021, 11, 30),
    )


def test_an_actual_amount_of_zero_is_allowed(small, maker, user_named):
    req = maker.approved(small.line_a21, by=small.lead_a, amount="50.00")
    services.spending_request_realise(
        request_id=req.pk,
        by=user_named(roles.CORE_TEAM),
        actual_amount=Decimal("0"),
        realised_on=datetime.date(2021, 11, 30),
    )
    req.refresh_from_db()
    assert req.actual_amount == Decimal("0.00")


@pytest.mark.parametrize(
    ("actual", "realised_on", "field"),
    [
        (Decimal("-1"), datetime.date(2021, 11, 30), "actual_amount"),
        (Decimal("1.234"), datetime.date(2021, 11, 30), "actual_amount"),
        (Decimal("100000000"), datetime.date(2021, 11, 30), "actual_amount"),
        (Decimal("5"), datetime.date(2999, 1, 1), "realised_on"),
        (Decimal("5"), "2021-11-30", "realised_on"),
    ],
)
def test_bad_realisation_input_is_refused(
    small, maker, user_named, refused, actual, realised_on, field
):
    req = maker.approved(small.line_a21, by=small.lead_a, amount="50.00")
    error = refused(
        lambda: services.spending_request_realise(
            request_id=req.pk,
            by=user_named(roles.CORE_TEAM),
            actual_amount=actual,
            realised_on=realised_on,
        ),
        ValidationError,
        req,
    )
    assert set(error.message_dict) == {field}


def test_linking_a_decision_later(small, maker, user_named, refused):
    from budgets.models import Decision

    decision = Decision.objects.create(
        programme=small.programme,
        date=datetime.date(2021, 10, 14),
        reference="later",
        meeting="Kernteam",
        text="Groen licht",
    )
    draft = maker.draft(small.line_a21, by=small.lead_a)
    approved = maker.approved(small.line_a21, by=small.lead_a)

    refused(
        lambda: services.spending_request_link_decision(
            request_id=approved.pk, by=small.lead_a, decision=decision
        ),
        PermissionDenied,
        approved,
    )
    refused(
        lambda: services.spending_request_link_decision(
            request_id=draft.pk, by=user_named(roles.CORE_TEAM), decision=decision
        ),
        ValidationError,
        draft,
    )
    services.spending_request_link_decision(
        request_id=approved.pk, by=user_named(roles.CORE_TEAM), decision=decision
    )
    approved.refresh_from_db()
    assert approved.decision == decision
    assert approved.transitions.count() == 2  # not a step of the life cycle


def test_an_unknown_request_raises_does_not_exist(small, user_named):
    with pytest.raises(SpendingRequest.DoesNotExist):
        services.spending_request_approve(request_id=999999, by=user_named(roles.CORE_TEAM))
    assert SpendingTransition.objects.count() == 0
