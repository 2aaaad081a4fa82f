"""The trail does not forget (issue 7, point 7): every change of a draft or returned
request's fields is kept with who, when, the old and the new value, written in the
change's own transaction and changed or deleted by nobody; every step keeps the amount
it was taken at; the page and the API's detail show it all."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.text import capfirst

from citydeal.trail import TrailImmutableError
from spending import services
from spending.models import SpendingChange, SpendingRequest
from tests import roles
from tests.pages.helpers import table_with_caption
from tests.spending.conftest import dutch

CAPTION = "Every step and change of this request, oldest first"


def changes_of(req) -> list[tuple]:
    return [
        (c.field, c.old_value, c.new_value, c.by.username)
        for c in SpendingChange.objects.filter(request=req).select_related("by")
    ]


@pytest.fixture
def resubmitted(small, maker, user_named):
    """The issue's case: € 60 submitted, returned with "make it 50", changed to € 5.000
    (and a new title), submitted again."""
    req = maker.submitted(small.line_a21, by=small.lead_a, amount="60.00", title="Venue")
    services.spending_request_return(
        request_id=req.pk, by=user_named(roles.CORE_TEAM), note="Make it 50."
    )
    services.spending_request_update(
        request_id=req.pk, by=small.lead_a, amount="5000.00", title="Venue and catering"
    )
    services.spending_request_submit(request_id=req.pk, by=small.lead_a)
    return SpendingRequest.objects.get(pk=req.pk)


def test_every_changed_field_is_kept_with_its_old_and_new_value(resubmitted):
    assert sorted(changes_of(resubmitted)) == [
        ("amount", "60.00", "5000.00", "lead-a"),
        ("title", "Venue", "Venue and catering", "lead-a"),
    ]


def test_every_step_keeps_the_amount_it_was_taken_at(resubmitted):
    steps = [(s.to_state, str(s.amount)) for s in resubmitted.transitions.all()]
    assert steps == [("ingediend", "60.00"), ("teruggestuurd", "60.00"), ("ingediend", "5000.00")]


def test_fields_that_stay_the_same_leave_no_row(small, maker):
    req = maker.draft(small.line_a21, by=small.lead_a, amount="10.00", title="Same")
    services.spending_request_update(
        request_id=req.pk,
        by=small.lead_a,
        budget_line=small.line_a21,
        title="Same",
        amount="10",
        activity=None,
        year=2021,
        description="",
    )
    assert changes_of(req) == []


def test_a_new_budget_line_is_kept_by_name_with_the_year_it_brings(small, maker):
    req = maker.draft(small.line_a21, by=small.lead_a, activity=small.activity_a)
    services.spending_request_update(
        request_id=req.pk, by=small.lead_a, budget_line=small.line_a22, activity=None
    )
    assert sorted(changes_of(req)) == [
        ("activity", "Activity A", "", "lead-a"),
        ("budget_line", f"{small.team_a} – 2021", f"{small.team_a} – 2022-2023", "lead-a"),
        ("year", "2021", "2022", "lead-a"),
    ]


def test_a_refused_change_leaves_no_row(small, maker, user_named):
    req = maker.draft(small.line_a21, by=small.lead_a, amount="10.00")
    with pytest.raises(PermissionDenied):
        services.spending_request_update(request_id=req.pk, by=small.lead_b, amount="20")
    with pytest.raises(ValidationError):
        # The title is fine, the amount is not: the whole change is refused, title too.
        services.spending_request_update(
            request_id=req.pk, by=small.lead_a, title="New", amount="-1"
        )
    submitted = maker.submitted(small.line_a21, by=small.lead_a)
    with pytest.raises(ValidationError):
        services.spending_request_update(request_id=submitted.pk, by=small.lead_a, amount="20")
    assert SpendingChange.objects.count() == 0


def test_a_change_row_cannot_be_changed_or_deleted(resubmitted):
    change = SpendingChange.objects.filter(request=resubmitted).first()
    change.new_value = "1.00"
    with pytest.raises(TrailImmutableError):
        change.save()
    with pytest.raises(TrailImmutableError):
        change.delete()
    with pytest.raises(TrailImmutableError):
        SpendingChange.objects.filter(request=resubmitted).update(new_value="1.00")
    with pytest.raises(TrailImmutableError):
        SpendingChange.objects.filter(request=resubmitted).delete()
    assert SpendingChange.objects.filter(new_value="1.00").count() == 0


# -- the page ---------------------------------------------------------------------------


def test_the_page_shows_the_changes_between_the_steps_in_euros(client_as, ot1_resubmitted):
    response = client_as(roles.CORE_TEAM_OTHER).get(
        reverse("spending-detail", args=[ot1_resubmitted.pk])
    )
    rows = table_with_caption(response, dutch(CAPTION))["rows"][1:]
    what = [row[2] for row in rows]
    assert what == [
        capfirst(dutch("created")),
        capfirst(dutch("status")),
        capfirst(dutch("status")),
        capfirst(dutch("title")),
        capfirst(dutch("amount incl. VAT (EUR)")),
        capfirst(dutch("status")),
    ]
    created, submitted, returned, title, amount, resubmitted = rows
    assert created[3:6] == ["—", dutch("Draft"), "€ 60,00"]
    assert submitted[3:6] == [dutch("Draft"), dutch("Submitted"), "€ 60,00"]
    assert returned[3:7] == [dutch("Submitted"), dutch("Returned"), "€ 60,00", "Make it 50."]
    assert amount[1:6] == [
        "Trekker OT1",
        capfirst(dutch("amount incl. VAT (EUR)")),
        "€ 60,00",
        "€ 5.000,00",
        "—",
    ]
    assert title[3:5] == ["Venue", "Venue and catering"]
    assert resubmitted[3:6] == [dutch("Returned"), dutch("Submitted"), "€ 5.000,00"]


@pytest.fixture
def ot1_resubmitted(maker, user_named):
    from budgets.models import BudgetLine

    line = BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )
    trekker1 = user_named(roles.team_lead(1))
    req = maker.submitted(line, by=trekker1, amount="60.00", title="Venue")
    services.spending_request_return(
        request_id=req.pk, by=user_named(roles.CORE_TEAM), note="Make it 50."
    )
    services.spending_request_update(
        request_id=req.pk, by=trekker1, amount="5000.00", title="Venue and catering"
    )
    services.spending_request_submit(request_id=req.pk, by=trekker1)
    return req


def test_the_page_runs_as_many_queries_with_changes_as_without(
    client_as, maker, user_named, ot1_resubmitted, django_assert_num_queries
):
    from budgets.models import BudgetLine

    line = BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )
    plain = maker.submitted(line, by=user_named(roles.team_lead(1)))
    client = client_as(roles.CORE_TEAM_OTHER)
    client.get(reverse("spending-detail", args=[plain.pk]))  # warm the per-process caches
    with django_assert_num_queries(10):  # as pinned in test_pages
        client.get(reverse("spending-detail", args=[plain.pk]))
    with django_assert_num_queries(10):
        client.get(reverse("spending-detail", args=[ot1_resubmitted.pk]))


# -- the API ----------------------------------------------------------------------------


@pytest.fixture
def token_api(user_named):
    from knox.models import AuthToken

    from tests.api.conftest import ApiClient

    def make(username: str) -> ApiClient:
        _instance, token = AuthToken.objects.create(user=user_named(username))
        return ApiClient(token)

    return make


def test_the_api_detail_lists_the_changes_and_the_list_leaves_them_out(ot1_resubmitted, token_api):
    client = token_api("kernteam2")
    url = f"/api/v1/spending-requests/{ot1_resubmitted.pk}/"
    detail = client.get(url).json()
    assert [(c["field"], c["old_value"], c["new_value"], c["by"]) for c in detail["changes"]] == [
        ("title", "Venue", "Venue and catering", "trekker1"),
        ("amount", "60.00", "5000.00", "trekker1"),
    ]
    assert [(t["to_state"], t["amount"]) for t in detail["transitions"]] == [
        ("ingediend", "60.00"),
        ("teruggestuurd", "60.00"),
        ("ingediend", "5000.00"),
    ]
    listed = client.get("/api/v1/spending-requests/").json()["results"]
    mine = next(row for row in listed if row["id"] == ot1_resubmitted.pk)
    assert "changes" not in mine
    assert mine["transitions"][-1]["amount"] == "5000.00"


def test_the_api_list_runs_as_many_queries_with_more_changed_requests(
    ot1_resubmitted, token_api, maker, user_named
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = token_api("kernteam2")
    client.get("/api/v1/spending-requests/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/spending-requests/").status_code == 200
    trekker1 = user_named(roles.team_lead(1))
    for i in range(4):
        req = maker.draft(ot1_resubmitted.budget_line, by=trekker1, title=f"r{i}")
        services.spending_request_update(request_id=req.pk, by=trekker1, amount=f"{i + 20}")
    with CaptureQueriesContext(connection) as five:
        assert client.get("/api/v1/spending-requests/").status_code == 200
    assert len(five) == len(one)
