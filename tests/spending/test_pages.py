"""The spending pages: who sees what, the request form limited to the own team, the steps
as buttons with a note, refusals as messages with the reason, the budget figures, and a
fixed number of queries per page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from activities.models import Activity
from budgets.models import BudgetLine
from citydeal.verdicts import is_core_team
from spending import services
from spending.constants import SpendingState
from spending.models import SpendingRequest
from spending.permissions import can_decide_spending, can_view_spending_pages
from spending.selectors import SpendingInbox, spending_inbox
from tests import roles
from tests.pages.helpers import table_with_caption
from tests.spending.conftest import dutch, dutch_plural


def seed_line(team: int, period: str = "2021") -> BudgetLine:
    return BudgetLine.objects.select_related("team", "period").get(
        team__programme__slug="cdor", team__number=team, period__label=period
    )


@pytest.fixture
def ot1(db):
    return seed_line(1)


@pytest.fixture
def submitted(ot1, maker, user_named):
    """A request of OT1, submitted by its team lead trekker1."""
    return maker.submitted(ot1, by=user_named(roles.team_lead(1)), amount="1000.00", title="Venue")


def html_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# -- navigation and access ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "target"),
    [
        ("kernteam1", "spending-queue"),
        ("directeur", "spending-queue"),
        ("trekker1", "spending-mine"),
        ("casus-dordrecht", None),
        ("beheerder", None),
    ],
)
def test_the_navigation_links_spending_for_the_roles_that_use_it(client_as, username, target):
    html = html_of(client_as(username).get(reverse("overview")))
    label = f">{escape(dutch('Spending'))}</a>"
    if target is None:
        assert label not in html
    else:
        assert f'<a href="{reverse(target)}">{escape(dutch("Spending"))}</a>' in html


def test_the_spending_link_is_marked_current_on_spending_pages(client_as):
    html = html_of(client_as(roles.CORE_TEAM).get(reverse("spending-budget")))
    assert f'<a href="{reverse("spending-queue")}" aria-current="page">' in html


# -- the inbox: what waits for the user, in the navigation ---------------------------------


def spending_link(url: str, *, waiting: int = 0, returned: int = 0) -> str:
    """The navigation's spending link as users read it, with its counts in words."""
    counts = []
    if waiting:
        counts.append(dutch_plural("%(count)s waiting", "%(count)s waiting", waiting))
        counts[-1] %= {"count": waiting}
    if returned:
        counts.append(dutch_plural("%(count)s returned", "%(count)s returned", returned))
        counts[-1] %= {"count": returned}
    label = dutch("Spending (%(counts)s)") % {"counts": ", ".join(counts)}
    return f'<a href="{url}">{escape(label if counts else dutch("Spending"))}</a>'


def test_the_core_team_reads_how_many_requests_wait_for_its_decision(
    client_as, ot1, user_named, submitted
):
    lead = user_named(roles.team_lead(1))
    queue = reverse("spending-queue")
    client = client_as(roles.CORE_TEAM)
    assert spending_link(queue, waiting=1) in html_of(client.get(reverse("overview")))

    other = services.spending_request_create(
        budget_line=ot1, by=lead, title="Catering", amount=Decimal("20.00")
    )
    assert spending_link(queue, waiting=1) in html_of(client.get(reverse("overview")))
    services.spending_request_submit(request_id=other.pk, by=lead)
    assert spending_link(queue, waiting=2) in html_of(client.get(reverse("overview")))

    # Decided or returned by a colleague: no longer waiting.
    colleague = user_named(roles.CORE_TEAM_OTHER)
    services.spending_request_approve(request_id=submitted.pk, by=colleague)
    services.spending_request_return(request_id=other.pk, by=colleague, note="Add a quote.")
    html = html_of(client.get(reverse("overview")))
    assert spending_link(queue) in html
    assert dutch_plural("%(count)s waiting", "%(count)s waiting", 1) % {"count": 1} not in html


def test_a_request_the_member_submitted_does_not_wait_for_that_member(
    client_as, ot1, maker, user_named
):
    """Four eyes: nobody decides on their own request, so it waits for the others only."""
    own = maker.submitted(ot1, by=user_named(roles.CORE_TEAM))
    assert not can_decide_spending(user_named(roles.CORE_TEAM), own)
    queue = reverse("spending-queue")
    own_view = html_of(client_as(roles.CORE_TEAM).get(reverse("overview")))
    assert spending_link(queue) in own_view
    other_view = html_of(client_as(roles.CORE_TEAM_OTHER).get(reverse("overview")))
    assert spending_link(queue, waiting=1) in other_view


def test_a_team_lead_reads_how_many_requests_were_returned_to_them(
    client_as, user_named, submitted
):
    mine = reverse("spending-mine")
    lead = user_named(roles.team_lead(1))
    client = client_as(roles.team_lead(1))
    assert spending_link(mine) in html_of(client.get(reverse("overview")))

    services.spending_request_return(
        request_id=submitted.pk, by=user_named(roles.CORE_TEAM), note="Add a quote."
    )
    assert spending_link(mine, returned=1) in html_of(client.get(reverse("overview")))
    # Another team's lead has nothing returned.
    other = html_of(client_as(roles.team_lead(2)).get(reverse("overview")))
    assert spending_link(mine) in other

    services.spending_request_submit(request_id=submitted.pk, by=lead)
    assert spending_link(mine) in html_of(client.get(reverse("overview")))


@pytest.mark.parametrize("username", [roles.DIRECTOR, "casus-dordrecht", "beheerder"])
def test_roles_without_an_inbox_count_nothing_and_ask_nothing(
    user_named, submitted, django_assert_num_queries, username
):
    user = user_named(username)
    is_core_team(user)  # the roles are read once per request, before the navigation
    with django_assert_num_queries(0):
        assert spending_inbox(user) == SpendingInbox()


def test_the_inbox_counts_in_one_query(user_named, maker, ot1, django_assert_num_queries):
    core = user_named(roles.CORE_TEAM)
    lead = user_named(roles.team_lead(1))
    maker.submitted(ot1, by=lead)
    maker.returned(ot1, by=core, approver=user_named(roles.CORE_TEAM_OTHER))
    is_core_team(core)
    with django_assert_num_queries(1):
        assert spending_inbox(core) == SpendingInbox(waiting=1, returned=1)


# -- the way back from a request -------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "back", "label"),
    [
        (roles.CORE_TEAM_OTHER, "spending-queue", "Approval queue"),
        (roles.DIRECTOR, "spending-queue", "Approval queue"),
        (roles.team_lead(1), "spending-mine", "My requests"),
    ],
)
def test_the_breadcrumb_leads_back_to_the_list_the_user_works_from(
    client_as, submitted, username, back, label
):
    html = html_of(client_as(username).get(reverse("spending-detail", args=[submitted.pk])))
    breadcrumb = html[html.index('<p class="breadcrumb">') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</p>")]
    assert f'<a href="{reverse(back)}">{escape(dutch(label))}</a>' in breadcrumb


PAGES = ["spending-queue", "spending-mine", "spending-create", "spending-budget"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_go_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("kernteam1", set(PAGES)),
        ("directeur", {"spending-queue", "spending-mine", "spending-budget"}),
        ("trekker1", {"spending-mine", "spending-create", "spending-budget"}),
        ("casus-dordrecht", set()),
        ("beheerder", set()),
    ],
)
def test_who_opens_which_page(client_as, user_named, username, allowed):
    client = client_as(username)
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == (200 if name in allowed else 403), (name, username)
    if not allowed:
        reason = can_view_spending_pages(user_named(username)).reason
        assert escape(reason) in html_of(client.get(reverse("spending-mine")))


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("kernteam1", 200),
        ("directeur", 200),
        ("trekker1", 200),
        ("trekker2", 403),
        ("casus-dordrecht", 403),
    ],
)
def test_who_opens_a_request(client_as, submitted, username, status):
    response = client_as(username).get(reverse("spending-detail", args=[submitted.pk]))
    assert response.status_code == status


def test_an_unknown_request_is_404(client_as, db):
    assert (
        client_as(roles.CORE_TEAM).get(reverse("spending-detail", args=[999999])).status_code == 404
    )


# -- the request form ---------------------------------------------------------------------


def test_a_team_lead_is_offered_only_the_own_lines_and_activities(client_as):
    response = client_as(roles.team_lead(1)).get(reverse("spending-create"))
    form = response.context["form"]
    assert {line.team.number for line in form.fields["budget_line"].queryset} == {1}
    assert form.fields["budget_line"].queryset.count() == 2
    assert {a.team.number for a in form.fields["activity"].queryset} == {1}
    html = html_of(response)
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("budget_line", "activity", "year", "title", "description", "amount"):
        assert f'<label for="id_{field}">' in html


def test_the_core_team_is_offered_every_line(client_as):
    form = client_as(roles.CORE_TEAM).get(reverse("spending-create")).context["form"]
    assert form.fields["budget_line"].queryset.count() == 12


def test_a_team_lead_creates_a_draft_with_a_dutch_amount(client_as, ot1):
    response = client_as(roles.team_lead(1)).post(
        reverse("spending-create"),
        {"budget_line": ot1.pk, "title": "Venue", "amount": "1.250,50", "description": ""},
    )
    req = SpendingRequest.objects.get(title="Venue")
    assert response.status_code == 302
    assert response.url == reverse("spending-detail", args=[req.pk])
    assert (req.state, req.amount, req.year, req.budget_line) == (
        SpendingState.DRAFT,
        Decimal("1250.50"),
        2021,
        ot1,
    )


def test_a_team_lead_cannot_post_another_teams_line(client_as):
    other = seed_line(2)
    response = client_as(roles.team_lead(1)).post(
        reverse("spending-create"), {"budget_line": other.pk, "title": "x", "amount": "10"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"budget_line"}
    assert not SpendingRequest.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5", "1,005", "abc", "100000000", "1e400", "\x00"])
def test_bad_amounts_show_at_the_field(client_as, ot1, amount):
    response = client_as(roles.team_lead(1)).post(
        reverse("spending-create"), {"budget_line": ot1.pk, "title": "x", "amount": amount}
    )
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert 'class="error-summary"' in html_of(response)
    assert not SpendingRequest.objects.exists()


def test_an_activity_of_another_team_is_not_offered(client_as, ot1):
    from activities.models import Activity

    foreign = Activity.objects.filter(team__number=2, team__programme__slug="cdor").first()
    response = client_as(roles.team_lead(1)).post(
        reverse("spending-create"),
        {"budget_line": ot1.pk, "title": "x", "amount": "10", "activity": foreign.pk},
    )
    assert "activity" in response.context["form"].errors


def test_the_core_team_gets_the_service_check_for_a_mismatched_activity(client_as, ot1):
    from activities.models import Activity

    foreign = Activity.objects.filter(team__number=2, team__programme__slug="cdor").first()
    response = client_as(roles.CORE_TEAM).post(
        reverse("spending-create"),
        {"budget_line": ot1.pk, "title": "x", "amount": "10", "activity": foreign.pk},
    )
    assert response.status_code == 200
    assert "activity" in response.context["form"].errors
    assert not SpendingRequest.objects.exists()


def test_the_creator_changes_a_draft(client_as, maker, ot1, user_named):
    req = maker.draft(ot1, by=user_named(roles.team_lead(1)))
    client = client_as(roles.team_lead(1))
    assert client.get(reverse("spending-edit", args=[req.pk])).status_code == 200
    response = client.post(
        reverse("spending-edit", args=[req.pk]),
        {"budget_line": ot1.pk, "title": "Renamed", "amount": "20,00"},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.title, req.amount) == ("Renamed", Decimal("20.00"))


def test_a_submitted_request_cannot_be_changed(client_as, submitted):
    response = client_as(roles.team_lead(1)).get(reverse("spending-edit", args=[submitted.pk]))
    assert response.status_code == 403
    assert escape(dutch("Only drafts and returned requests can be changed.")) in html_of(response)


# -- steps on the detail page -------------------------------------------------------------


def test_the_detail_page_shows_the_trail_and_the_decision_buttons(client_as, submitted):
    response = client_as(roles.CORE_TEAM_OTHER).get(reverse("spending-detail", args=[submitted.pk]))
    html = html_of(response)
    trail = table_with_caption(
        response, dutch("Every step and change of this request, oldest first")
    )
    # The creation (with the amount it started with), then the step with the amount.
    assert trail["rows"][1][1:] == [
        "Trekker OT1",
        dutch("created").capitalize(),
        "—",
        dutch("Draft"),
        "€ 1.000,00",
        "—",
    ]
    assert trail["rows"][2][1:] == [
        "Trekker OT1",
        dutch("status").capitalize(),
        dutch("Draft"),
        dutch("Submitted"),
        "€ 1.000,00",
        "—",
    ]
    assert f'action="{reverse("spending-approve", args=[submitted.pk])}"' in html
    assert f'formaction="{reverse("spending-reject", args=[submitted.pk])}"' in html
    assert f'formaction="{reverse("spending-return", args=[submitted.pk])}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize("username", ["trekker1", "directeur"])
def test_no_decision_buttons_for_those_who_may_not_decide(client_as, submitted, username):
    html = html_of(client_as(username).get(reverse("spending-detail", args=[submitted.pk])))
    assert reverse("spending-approve", args=[submitted.pk]) not in html


def test_no_decision_buttons_on_an_own_request(client_as, maker, ot1, user_named):
    req = maker.submitted(ot1, by=user_named(roles.CORE_TEAM))
    html = html_of(client_as(roles.CORE_TEAM).get(reverse("spending-detail", args=[req.pk])))
    assert reverse("spending-approve", args=[req.pk]) not in html
    assert reverse("spending-withdraw", args=[req.pk]) in html  # but a withdraw button


def test_the_submitter_sees_the_withdraw_button(client_as, submitted):
    html = html_of(
        client_as(roles.team_lead(1)).get(reverse("spending-detail", args=[submitted.pk]))
    )
    assert f'action="{reverse("spending-withdraw", args=[submitted.pk])}"' in html


def test_submitting_through_the_page(client_as, maker, ot1, user_named):
    req = maker.draft(ot1, by=user_named(roles.team_lead(1)))
    client = client_as(roles.team_lead(1))
    html = html_of(client.get(reverse("spending-detail", args=[req.pk])))
    assert f'action="{reverse("spending-submit", args=[req.pk])}"' in html
    response = client.post(reverse("spending-submit", args=[req.pk]), {"note": ""}, follow=True)
    req.refresh_from_db()
    assert req.state == SpendingState.SUBMITTED
    assert dutch("The request has been submitted to the core team.") in messages_of(response)


def test_approving_through_the_page(client_as, submitted, user_named):
    response = client_as(roles.CORE_TEAM_OTHER).post(
        reverse("spending-approve", args=[submitted.pk]), {"decide-note": "Akkoord."}, follow=True
    )
    submitted.refresh_from_db()
    assert submitted.state == SpendingState.APPROVED
    assert submitted.transitions.last().note == "Akkoord."
    assert dutch("The request has been approved.") in messages_of(response)


@pytest.mark.parametrize(
    ("name", "state"),
    [("spending-reject", SpendingState.REJECTED), ("spending-return", SpendingState.RETURNED)],
)
def test_rejecting_or_returning_through_the_page_needs_a_reason(client_as, submitted, name, state):
    client = client_as(roles.CORE_TEAM_OTHER)
    response = client.post(reverse(name, args=[submitted.pk]), {"decide-note": "  "})
    assert response.status_code == 400
    assert "note" in response.context["decision_form"].errors
    submitted.refresh_from_db()
    assert submitted.state == SpendingState.SUBMITTED

    client.post(reverse(name, args=[submitted.pk]), {"decide-note": "Te duur."})
    submitted.refresh_from_db()
    assert submitted.state == state


def test_a_refused_approval_is_a_403_with_the_reason(client_as, submitted, user_named):
    response = client_as(roles.DIRECTOR).post(reverse("spending-approve", args=[submitted.pk]))
    assert response.status_code == 403
    reason = can_decide_spending(user_named(roles.DIRECTOR), submitted).reason
    assert escape(reason) in html_of(response)
    submitted.refresh_from_db()
    assert submitted.state == SpendingState.SUBMITTED


def test_four_eyes_on_the_page(client_as, maker, ot1, user_named):
    req = maker.submitted(ot1, by=user_named(roles.CORE_TEAM))
    response = client_as(roles.CORE_TEAM).post(reverse("spending-approve", args=[req.pk]))
    assert response.status_code == 403
    assert escape(dutch("You cannot decide on a request you submitted yourself.")) in html_of(
        response
    )


def test_a_budget_refusal_comes_back_as_a_message_with_the_figures(
    client_as, maker, ot1, user_named
):
    trekker1 = user_named(roles.team_lead(1))
    maker.approved(ot1, by=trekker1, amount="46800.00")
    req = maker.submitted(ot1, by=trekker1, amount="5000.00")

    response = client_as(roles.CORE_TEAM_OTHER).post(
        reverse("spending-approve", args=[req.pk]), {"decide-note": ""}, follow=True
    )

    remaining = dutch("Remaining on this budget line: %(remaining)s") % {"remaining": "€ 3.200,00"}
    assert any(remaining in message for message in messages_of(response))
    assert escape(remaining) in html_of(response)
    req.refresh_from_db()
    assert req.state == SpendingState.SUBMITTED


def test_a_step_the_state_does_not_allow_comes_back_as_a_message(client_as, maker, ot1, user_named):
    req = maker.approved(ot1, by=user_named(roles.team_lead(1)))
    response = client_as(roles.CORE_TEAM_OTHER).post(
        reverse("spending-approve", args=[req.pk]), follow=True
    )
    assert any(str(dutch("Approved")) in message for message in messages_of(response))
    assert req.transitions.count() == 2


def test_withdrawing_through_the_page(client_as, submitted):
    client_as(roles.team_lead(1)).post(reverse("spending-withdraw", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.state == SpendingState.WITHDRAWN


def test_realising_through_the_page(client_as, maker, ot1, user_named):
    req = maker.approved(ot1, by=user_named(roles.team_lead(1)), amount="1000.00")
    client = client_as(roles.CORE_TEAM)
    html = html_of(client.get(reverse("spending-detail", args=[req.pk])))
    assert f'action="{reverse("spending-realise", args=[req.pk])}"' in html
    response = client.post(
        reverse("spending-realise", args=[req.pk]),
        {
            "realise-actual_amount": "987,65",
            "realise-realised_on": "2021-12-01",
            "realise-note": "",
        },
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.state, req.actual_amount, req.realised_on) == (
        SpendingState.REALISED,
        Decimal("987.65"),
        datetime.date(2021, 12, 1),
    )


def test_a_bad_realisation_shows_at_its_field(client_as, maker, ot1, user_named):
    req = maker.approved(ot1, by=user_named(roles.team_lead(1)), amount="1000.00")
    response = client_as(roles.CORE_TEAM).post(
        reverse("spending-realise", args=[req.pk]),
        {"realise-actual_amount": "-1", "realise-realised_on": "2021-12-01"},
    )
    assert response.status_code == 400
    assert "actual_amount" in response.context["realise_form"].errors
    req.refresh_from_db()
    assert req.state == SpendingState.APPROVED


@pytest.mark.parametrize(
    "name",
    [
        "spending-submit",
        "spending-approve",
        "spending-reject",
        "spending-return",
        "spending-withdraw",
        "spending-realise",
    ],
)
def test_steps_only_take_a_post(client_as, submitted, name):
    assert (
        client_as(roles.CORE_TEAM_OTHER).get(reverse(name, args=[submitted.pk])).status_code == 405
    )


# -- lists --------------------------------------------------------------------------------


def test_the_queue_shows_submitted_requests_by_default(client_as, maker, ot1, user_named):
    trekker1 = user_named(roles.team_lead(1))
    waiting = maker.submitted(ot1, by=trekker1, title="Waiting")
    maker.draft(ot1, by=trekker1, title="Still a draft")
    maker.approved(ot1, by=trekker1, title="Done")

    response = client_as(roles.CORE_TEAM).get(reverse("spending-queue"))
    assert [r.pk for r in response.context["requests"]] == [waiting.pk]

    everything = client_as(roles.CORE_TEAM).get(reverse("spending-queue"), {"state": ""})
    assert len(everything.context["requests"]) == 3


def test_the_queue_filters_by_team_period_and_state(client_as, maker, user_named):
    ot1_2021, ot1_2223, ot2_2223 = (
        seed_line(1),
        seed_line(1, "2022-2023"),
        seed_line(2, "2022-2023"),
    )
    a = maker.submitted(ot1_2021, by=user_named(roles.team_lead(1)))
    b = maker.submitted(ot1_2223, by=user_named(roles.team_lead(1)))
    c = maker.approved(ot2_2223, by=user_named(roles.team_lead(2)))
    client = client_as(roles.DIRECTOR)

    def shown(**params):
        return {r.pk for r in client.get(reverse("spending-queue"), params).context["requests"]}

    assert shown(team=ot1_2021.team_id, state="") == {a.pk, b.pk}
    assert shown(period=ot1_2223.period_id, state="") == {b.pk, c.pk}
    assert shown(state="goedgekeurd") == {c.pk}
    assert shown(team=ot1_2021.team_id, period=ot1_2223.period_id) == {b.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"team": "abc"},
        {"team": "\x00"},
        {"period": "99999999999999999999999"},
        {"state": "nope"},
        {"page": "999"},
        {"page": "-1"},
        {"page": "\x00"},
    ],
)
def test_bad_filters_are_shown_and_never_break_the_page(client_as, submitted, params):
    response = client_as(roles.CORE_TEAM).get(reverse("spending-queue"), params)
    assert response.status_code == 200


def test_my_requests_are_the_own_and_the_teams(client_as, maker, user_named):
    own = maker.draft(seed_line(1), by=user_named(roles.team_lead(1)))
    by_core_for_ot1 = maker.draft(seed_line(1), by=user_named(roles.CORE_TEAM))
    other_team = maker.draft(seed_line(2), by=user_named(roles.team_lead(2)))

    response = client_as(roles.team_lead(1)).get(reverse("spending-mine"))
    shown = {r.pk for r in response.context["requests"]}
    assert shown == {own.pk, by_core_for_ot1.pk}
    assert other_team.pk not in shown
    assert reverse("spending-create") in html_of(response)


# -- budget figures -----------------------------------------------------------------------


def test_the_budget_page_shows_the_figures_per_line(client_as, maker, ot1, user_named):
    trekker1 = user_named(roles.team_lead(1))
    maker.approved(ot1, by=trekker1, amount="1000.00")
    maker.realised(ot1, by=trekker1, amount="500.00", actual="400.00")
    maker.submitted(ot1, by=trekker1, amount="250.00")

    response = client_as(roles.DIRECTOR).get(reverse("spending-budget"))
    table = table_with_caption(response, dutch("Budget lines %(period)s") % {"period": "2021"})
    row = next(r for r in table["rows"] if r[0].startswith("OT1"))
    # planned, approved, realised, remaining, submitted
    assert row[1:] == ["€ 50.000,00", "€ 1.000,00", "€ 400,00", "€ 48.600,00", "€ 250,00"]
    assert table["rows"][-1][1] == "€ 150.000,00"


def test_the_budget_page_shows_the_space_per_year_with_the_carry_over(client_as, db):
    response = client_as(roles.CORE_TEAM).get(reverse("spending-budget"))
    table = table_with_caption(
        response, dutch("Budget space, carry-over and what is committed, per year")
    )
    rows = {row[0][:4]: row for row in table["rows"][1:]}
    assert rows["2021"][1] == dutch("not stated")
    assert dutch("surplus carries over into %(next)s") % {"next": "2022"} in rows["2021"][0]
    assert rows["2022"][1] == "€ 400.000 – € 500.000"
    assert rows["2022"][2] == dutch("€ 0 (the space of %(previous)s is not stated)") % {
        "previous": "2021"
    }
    assert rows["2022"][3] == "€ 500.000,00"
    assert rows["2023"][2] == "—"


def test_the_budget_page_shows_the_estimates_per_team(client_as, db):
    response = client_as(roles.CORE_TEAM).get(reverse("spending-budget"))
    table = table_with_caption(
        response, dutch("Budget lines of all periods next to the estimates of the activities")
    )
    rows = {row[0][:3]: row for row in table["rows"][1:]}
    # OT1: 50-60k, 40-50k?, 30k, 50-60k; OT3: 5.000, 50.000, 25.000; OT2 has none.
    assert rows["OT1"][1] == "€ 170.000 – € 200.000"
    assert rows["OT3"][1] == "€ 80.000"
    assert rows["OT2"][1] == dutch("no estimates")
    assert rows["OT1"][3] == "€ 500.000,00"


# -- query counts -------------------------------------------------------------------------


def _many(maker, user_named, n: int):
    """``n`` requests of OT1 and of OT2, each about an activity of its team: a list shows
    the activity's team, so a list that loads it per row grows with the rows."""
    trekker1, trekker2 = user_named(roles.team_lead(1)), user_named(roles.team_lead(2))
    ot1_activity = Activity.objects.filter(team__number=1).order_by("order").first()
    ot2_activity = Activity.objects.filter(team__number=2).order_by("order").first()
    for i in range(n):
        maker.approved(
            seed_line(1), by=trekker1, amount="10.00", title=f"a{i}", activity=ot1_activity
        )
        maker.submitted(
            seed_line(2, "2022-2023"),
            by=trekker2,
            amount="10.00",
            title=f"b{i}",
            activity=ot2_activity,
        )


# The core team counts one query more than directors: the navigation's count of what
# waits for it (``spending_inbox``); a team lead's count costs what reading the teams it
# leads once for the rules and the navigation (``citydeal.verdicts.linked``) saves.
@pytest.mark.parametrize(
    ("username", "name", "queries"),
    [
        ("kernteam1", "spending-queue", 9),
        ("kernteam1", "spending-mine", 9),
        ("kernteam1", "spending-budget", 10),
        ("kernteam1", "spending-create", 8),
        ("trekker1", "spending-mine", 11),
        ("trekker1", "spending-create", 9),
        ("directeur", "spending-budget", 9),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client_as, maker, user_named, django_assert_num_queries, username, name, queries
):
    client = client_as(username)
    _many(maker, user_named, 1)
    client.get(reverse(name))  # warm the per-process caches
    with django_assert_num_queries(queries):
        assert client.get(reverse(name), {"state": ""}).status_code == 200
    _many(maker, user_named, 4)
    with django_assert_num_queries(queries):
        assert client.get(reverse(name), {"state": ""}).status_code == 200


# One of them the navigation's counts of what waits for the user (``spending_inbox``).
@pytest.mark.parametrize(("username", "queries"), [("kernteam2", 10), ("trekker1", 11)])
def test_the_detail_page_runs_a_fixed_number_of_queries(
    client_as, maker, ot1, user_named, django_assert_num_queries, username, queries
):
    short = maker.submitted(ot1, by=user_named(roles.team_lead(1)))
    long = maker.returned(ot1, by=user_named(roles.team_lead(1)))
    for _ in range(3):
        services.spending_request_submit(request_id=long.pk, by=user_named(roles.team_lead(1)))
        services.spending_request_return(
            request_id=long.pk, by=user_named(roles.CORE_TEAM), note="x"
        )
    client = client_as(username)
    client.get(reverse("spending-detail", args=[short.pk]))
    for req in (short, long):
        with django_assert_num_queries(queries):
            assert client.get(reverse("spending-detail", args=[req.pk])).status_code == 200
