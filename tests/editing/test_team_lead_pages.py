"""The team lead's edit pages: goals, activities and related programmes of the own team.

For each page: the team lead of the team opens it and saves; every other role is
refused with the rule's reason and changes nothing; wrong input shows the error on the
form and changes nothing.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import Activity
from activities.permissions import can_add_activity, can_edit_activity
from cases.models import Case
from partners.models import Contact
from partners.permissions import can_edit_related_programme
from teams.models import Goal, Team
from teams.permissions import can_edit_goal
from tests import roles
from tests.editing.conftest import assert_refused, in_dutch, snapshot
from tests.pages.helpers import dutch

# Everyone but the team lead of OT1: the director, a team lead of another team, a case
# owner, the core team and the functional admin.
NOT_THE_TEAM_LEAD = ["directeur", "trekker2", "casus-dordrecht", "kernteam1", "beheerder"]


def month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


def money(value) -> str:
    return "" if value is None else str(value)


def activity_data(activity: Activity, **changes) -> dict:
    """What the edit form posts for the activity as it is, with ``changes``."""
    data = {
        "title": activity.title,
        "goal": activity.goal_id or "",
        "explanation": activity.explanation,
        "result": activity.result,
        "responsible": activity.responsible,
        "status": activity.status,
        "planning_label": activity.planning_label,
        "planning_kind": activity.planning_kind,
        "start_month": month(activity.start_month),
        "end_month": month(activity.end_month),
        "estimate_text": activity.estimate_text,
        "estimate_min": money(activity.estimate_min),
        "estimate_max": money(activity.estimate_max),
        "note": activity.note,
        "cases": [case.pk for case in activity.cases.all()],
    }
    if activity.estimate_doubtful:
        data["estimate_doubtful"] = "on"
    data.update(changes)
    return data


# -- activity: edit ---------------------------------------------------------------------


def test_the_team_lead_opens_the_activity_form(client_as, ot1_activity):
    response = client_as(roles.team_lead(1)).get(reverse("activity-edit", args=[ot1_activity.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="month"' in html
    assert "csrfmiddlewaretoken" in html
    assert f'<label for="id_title">{dutch("title").capitalize()}' in html


def test_the_team_lead_saves_the_activity(client_as, ot1_activity, user_named):
    case = Case.objects.filter(lead_team__number=5).first()
    data = activity_data(
        ot1_activity,
        title="Kennisbank ondergrond",
        planning_label="voorjaar '22",
        planning_kind="period",
        start_month="2022-03",
        end_month="2022-06",
        estimate_text="ca. 70-80k",
        estimate_min="70.000",
        estimate_max="80000,50",
        cases=[case.pk],
    )
    response = client_as(roles.team_lead(1)).post(
        reverse("activity-edit", args=[ot1_activity.pk]), data
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("activity-detail", args=[ot1_activity.pk])
    ot1_activity.refresh_from_db()
    assert ot1_activity.title == "Kennisbank ondergrond"
    # The new texts are read: they fill in the months and the range, not the hand values.
    assert ot1_activity.start_month.isoformat() == "2022-03-01"
    assert ot1_activity.end_month.isoformat() == "2022-05-01"
    assert ot1_activity.estimate_min == Decimal("70000")
    assert ot1_activity.estimate_max == Decimal("80000")
    assert list(ot1_activity.cases.all()) == [case]
    record = ot1_activity.history.first()
    assert record.history_user == user_named(roles.team_lead(1))
    assert ot1_activity.history.filter(history_date__gte=record.history_date).count() == 1


def test_saving_without_a_change_writes_no_history(client_as, ot1_activity):
    before = ot1_activity.history.count()
    response = client_as(roles.team_lead(1)).post(
        reverse("activity-edit", args=[ot1_activity.pk]), activity_data(ot1_activity)
    )
    assert response.status_code == 302
    assert ot1_activity.history.count() == before


@pytest.mark.parametrize("username", NOT_THE_TEAM_LEAD)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_the_activity(client_as, user_named, ot1_activity, username, method):
    before = snapshot(ot1_activity)
    client = client_as(username)
    url = reverse("activity-edit", args=[ot1_activity.pk])
    data = activity_data(ot1_activity, title="Overgenomen") if method == "post" else None

    response = getattr(client, method)(url, data)

    assert_refused(response, in_dutch(can_edit_activity, user_named(username), ot1_activity))
    assert snapshot(ot1_activity) == before


def _ot2_goal():
    return Goal.objects.filter(team__number=2).first().pk


INVALID_ACTIVITY_INPUT = [
    pytest.param({"estimate_min": "-5"}, "estimate_min", id="negative"),
    pytest.param({"estimate_max": "-1", "estimate_min": ""}, "estimate_max", id="negative-max"),
    pytest.param({"estimate_min": "80000", "estimate_max": "70000"}, "estimate_max", id="min>max"),
    pytest.param({"estimate_min": "100,125"}, "estimate_min", id="three-decimals"),
    pytest.param({"estimate_min": "veel"}, "estimate_min", id="not-a-number"),
    pytest.param({"estimate_min": "", "estimate_max": "5000"}, "estimate_min", id="max-no-min"),
    pytest.param({"start_month": "2022-05", "end_month": "2022-01"}, "end_month", id="end<start"),
    pytest.param({"start_month": "mei"}, "start_month", id="not-a-month"),
    pytest.param({"goal": _ot2_goal}, "goal", id="goal-of-another-team"),
    pytest.param({"title": ""}, "title", id="no-title"),
]


@pytest.mark.parametrize(("changes", "field"), INVALID_ACTIVITY_INPUT)
def test_wrong_activity_input_shows_the_error_and_changes_nothing(
    client_as, ot1_activity, changes, field
):
    changes = {name: value() if callable(value) else value for name, value in changes.items()}
    before = snapshot(ot1_activity)

    response = client_as(roles.team_lead(1)).post(
        reverse("activity-edit", args=[ot1_activity.pk]), activity_data(ot1_activity, **changes)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'class="field field-error"' in html
    assert snapshot(ot1_activity) == before


def test_the_errors_are_in_dutch(client_as, ot1_activity):
    response = client_as(roles.team_lead(1)).post(
        reverse("activity-edit", args=[ot1_activity.pk]),
        activity_data(
            ot1_activity,
            estimate_min="80000",
            estimate_max="70000",
            start_month="2022-05",
            end_month="2022-01",
        ),
    )
    html = response.content.decode()
    assert dutch("The maximum cannot be lower than the minimum.") in html
    assert dutch("The end month cannot be before the start month.") in html


def test_activity_clean_refuses_a_goal_of_another_team(ot1_activity):
    from django.core.exceptions import ValidationError

    ot1_activity.goal = Goal.objects.filter(team__number=2).first()
    with pytest.raises(ValidationError) as error:
        ot1_activity.full_clean()
    assert "goal" in error.value.message_dict


# -- activity: add ----------------------------------------------------------------------


def new_activity_data(**changes) -> dict:
    data = {
        "title": "Workshop data-standaarden",
        "goal": Goal.objects.filter(team__number=1).first().pk,
        "explanation": "",
        "result": "",
        "responsible": "ntb",
        "status": "planned",
        "planning_label": "najaar '22",
        "planning_kind": "period",
        "start_month": "2022-09",
        "end_month": "2022-12",
        "estimate_text": "ca. 10k",
        "estimate_min": "10000",
        "estimate_max": "10000",
        "note": "",
    }
    data.update(changes)
    return data


def test_the_team_lead_adds_an_activity_at_the_end(client_as, user_named):
    team = Team.objects.get(number=1)
    last = team.activities.order_by("-order").first().order
    client = client_as(roles.team_lead(1))
    assert client.get(reverse("activity-create", args=[1])).status_code == 200

    response = client.post(reverse("activity-create", args=[1]), new_activity_data())

    activity = team.activities.get(title="Workshop data-standaarden")
    assert response.status_code == 302
    assert response["Location"] == reverse("activity-detail", args=[activity.pk])
    assert activity.order == last + 1
    assert activity.estimate_min == Decimal("10000")
    records = list(activity.history.all())
    assert [(r.history_type, r.history_user.username) for r in records] == [("+", "trekker1")]


@pytest.mark.parametrize("username", NOT_THE_TEAM_LEAD)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_add_an_activity(client_as, user_named, username, method):
    team = Team.objects.get(number=1)
    count = Activity.objects.count()
    url = reverse("activity-create", args=[1])
    client = client_as(username)

    response = client.get(url) if method == "get" else client.post(url, new_activity_data())

    assert_refused(response, in_dutch(can_add_activity, user_named(username), team))
    assert Activity.objects.count() == count


@pytest.mark.parametrize(("changes", "field"), INVALID_ACTIVITY_INPUT)
def test_wrong_input_adds_no_activity(client_as, changes, field):
    changes = {name: value() if callable(value) else value for name, value in changes.items()}
    count = Activity.objects.count()
    # No texts to read: the months and amounts are the ones filled in by hand.
    data = new_activity_data(planning_label="", estimate_text="", **changes)
    response = client_as(roles.team_lead(1)).post(reverse("activity-create", args=[1]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Activity.objects.count() == count


# -- activity: the page -----------------------------------------------------------------


@pytest.mark.parametrize(
    "username", ["trekker1", "trekker2", "directeur", "casus-dordrecht", "kernteam1", "beheerder"]
)
def test_every_role_reads_the_activity_page(client_as, ot1_activity, username):
    response = client_as(username).get(reverse("activity-detail", args=[ot1_activity.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert ot1_activity.title in html
    edit_url = reverse("activity-edit", args=[ot1_activity.pk])
    assert (edit_url in html) is (username == "trekker1")


def test_the_team_page_links_only_the_team_lead_to_the_edit_pages(client_as, ot1_activity):
    url = reverse("team-detail", args=[1])
    edit_url = reverse("activity-edit", args=[ot1_activity.pk])
    add_url = reverse("activity-create", args=[1])
    lead = client_as(roles.team_lead(1)).get(url).content.decode()
    assert edit_url in lead and add_url in lead
    for username in ["trekker2", "directeur", "kernteam1"]:
        html = client_as(username).get(url).content.decode()
        assert edit_url not in html and add_url not in html
        assert reverse("activity-detail", args=[ot1_activity.pk]) in html


# -- goal -------------------------------------------------------------------------------


def goal_url(goal: Goal) -> str:
    return reverse("goal-edit", args=[goal.team.number, goal.pk])


def test_the_team_lead_edits_a_goal(client_as, ot1_goal):
    client = client_as(roles.team_lead(1))
    assert client.get(goal_url(ot1_goal)).status_code == 200
    response = client.post(
        goal_url(ot1_goal), {"letter": ot1_goal.letter, "title": "Kennis delen", "text": "Nieuw"}
    )
    assert response.status_code == 302
    ot1_goal.refresh_from_db()
    assert (ot1_goal.title, ot1_goal.text) == ("Kennis delen", "Nieuw")
    assert ot1_goal.history.first().history_user.username == "trekker1"


@pytest.mark.parametrize("username", NOT_THE_TEAM_LEAD)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_a_goal(client_as, user_named, ot1_goal, username, method):
    before = snapshot(ot1_goal)
    client = client_as(username)
    data = {"letter": "A", "title": "Overgenomen", "text": ""}
    response = (
        client.get(goal_url(ot1_goal)) if method == "get" else client.post(goal_url(ot1_goal), data)
    )
    assert_refused(response, in_dutch(can_edit_goal, user_named(username), ot1_goal))
    assert snapshot(ot1_goal) == before


def test_a_goal_of_another_team_is_not_found_under_this_team(client_as, ot1_goal):
    url = reverse("goal-edit", args=[2, ot1_goal.pk])
    assert client_as(roles.team_lead(2)).get(url).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"letter": "A", "title": "", "text": ""}, id="no-title"),
        pytest.param({"letter": "B", "title": "Dubbel", "text": ""}, id="letter-taken"),
    ],
)
def test_wrong_goal_input_changes_nothing(client_as, ot1_goal, data):
    assert Goal.objects.filter(team=ot1_goal.team, letter="B").exclude(pk=ot1_goal.pk).exists()
    before = snapshot(ot1_goal)
    response = client_as(roles.team_lead(1)).post(goal_url(ot1_goal), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert snapshot(ot1_goal) == before


# -- related programme ------------------------------------------------------------------


def related_data(row, **changes) -> dict:
    data = {
        "name": row.name,
        "knowledge_partner": row.knowledge_partner_id or "",
        "knowledge_partner_text": row.knowledge_partner_text,
        "subject": row.subject,
        "goal_letters": row.goal_letters,
        "position": row.position,
        "contacts": [contact.pk for contact in row.contacts.all()],
        "remark": row.remark,
    }
    data.update(changes)
    return data


def test_the_team_lead_edits_a_related_programme(client_as, ot1_related_programme):
    row = ot1_related_programme
    contact = Contact.objects.order_by("name").first()
    client = client_as(roles.team_lead(1))
    assert client.get(reverse("related-programme-edit", args=[row.pk])).status_code == 200

    response = client.post(
        reverse("related-programme-edit", args=[row.pk]),
        related_data(row, subject="Nieuw onderwerp", goal_letters="A/B", contacts=[contact.pk]),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("related-programme-detail", args=[row.pk])
    row.refresh_from_db()
    assert row.subject == "Nieuw onderwerp"
    assert list(row.contacts.all()) == [contact]
    assert row.history.first().history_user.username == "trekker1"


@pytest.mark.parametrize("username", NOT_THE_TEAM_LEAD)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_a_related_programme(
    client_as, user_named, ot1_related_programme, username, method
):
    row = ot1_related_programme
    before = snapshot(row)
    url = reverse("related-programme-edit", args=[row.pk])
    client = client_as(username)
    response = (
        client.get(url) if method == "get" else client.post(url, related_data(row, subject="X"))
    )
    assert_refused(response, in_dutch(can_edit_related_programme, user_named(username), row))
    assert snapshot(row) == before


def test_a_goal_letter_the_team_does_not_have_is_refused(client_as, ot1_related_programme):
    row = ot1_related_programme
    before = snapshot(row)
    response = client_as(roles.team_lead(1)).post(
        reverse("related-programme-edit", args=[row.pk]), related_data(row, goal_letters="A/Z")
    )
    assert response.status_code == 200
    assert "goal_letters" in response.context["form"].errors
    assert snapshot(row) == before


def test_every_role_reads_the_related_programme_page(client_as, ot1_related_programme):
    url = reverse("related-programme-detail", args=[ot1_related_programme.pk])
    edit_url = reverse("related-programme-edit", args=[ot1_related_programme.pk])
    for username in ["trekker1", "directeur", "casus-zoetermeer", "kernteam2", "beheerder"]:
        response = client_as(username).get(url)
        assert response.status_code == 200
        assert (edit_url in response.content.decode()) is (username == "trekker1")
