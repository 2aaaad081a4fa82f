"""The activity form reads the plan's texts: the team lead types the planning and the
estimate as the plan writes them, "Check" shows what the portal read and saves nothing,
saving stores what was read, and a text it cannot read is kept with the fields as the
team lead filled them in. Only the team lead of the activity's team gets this far.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from activities.models import Activity, PlanningKind
from activities.permissions import can_add_activity, can_edit_activity
from teams.models import Team
from tests import roles
from tests.editing.conftest import assert_refused, in_dutch, snapshot
from tests.editing.test_team_lead_pages import (
    NOT_THE_TEAM_LEAD,
    activity_data,
    new_activity_data,
)
from tests.pages.helpers import dutch

PREVIEW = {"preview": "1"}


def edit(client, activity, **changes):
    return client.post(
        reverse("activity-edit", args=[activity.pk]), activity_data(activity, **changes)
    )


def preview(client, activity, **changes):
    return edit(client, activity, **PREVIEW, **changes)


def html_of(response) -> str:
    return response.content.decode()


def test_the_form_has_a_check_button_beside_save(client_as, ot1_activity):
    html = html_of(
        client_as(roles.team_lead(1)).get(reverse("activity-edit", args=[ot1_activity.pk]))
    )
    assert f'<button type="submit" name="preview" value="1">{dutch("Check")}</button>' in html
    assert f'<button type="submit" class="primary">{dutch("Save activity")}</button>' in html
    # Nothing has been read yet.
    assert dutch("What the portal read") not in html


# -- check: what was read, nothing saved ---------------------------------------------------


def test_check_shows_what_was_read_and_saves_nothing(client_as, ot1_activity):
    before = snapshot(ot1_activity)

    response = preview(
        client_as(roles.team_lead(1)),
        ot1_activity,
        planning_label="Q1 2023",
        start_month="",
        end_month="",
        estimate_text="ca. 70-80k?",
        estimate_min="",
        estimate_max="",
    )

    assert response.status_code == 200
    assert snapshot(ot1_activity) == before
    html = html_of(response)
    assert dutch("What the portal read") in html
    assert "januari 2023 t/m maart 2023" in html
    assert escape("€ 70.000 – € 80.000 (ongeveer, onzeker)") in html
    assert dutch("Nothing has been saved yet.") in html
    # The fields show what was read, for the team lead to see before saving.
    form = response.context["form"]
    assert form["planning_kind"].value() == PlanningKind.PERIOD
    assert form["start_month"].value() == "2023-01"
    assert form["end_month"].value() == "2023-03"
    assert form["estimate_min"].value() == "70000.00"
    assert form["estimate_max"].value() == "80000.00"
    assert form["estimate_doubtful"].value() is True
    assert 'value="2023-01"' in html and 'value="2023-03"' in html
    # The text stays as typed.
    assert form["planning_label"].value() == "Q1 2023"


def test_check_on_the_new_activity_page_creates_nothing_and_keeps_the_token(client_as):
    client = client_as(roles.team_lead(1))
    url = reverse("activity-create", args=[1])
    count = Activity.objects.count()
    token = client.get(url).context["form"].initial["submit_token"]
    data = new_activity_data(planning_label="vanaf jan '23", estimate_text="PM", submit_token=token)

    response = client.post(url, {**data, **PREVIEW})

    assert response.status_code == 200
    assert Activity.objects.count() == count
    html = html_of(response)
    assert "vanaf januari 2023" in html
    assert dutch("pro memoria: the amount is not known yet") in html
    assert f'value="{token}"' in html  # the second step sends the same one-time token

    saved = client.post(url, data)
    again = client.post(url, data)
    assert saved.status_code == again.status_code == 302
    assert Activity.objects.count() == count + 1
    activity = Activity.objects.get(title=data["title"])
    assert (activity.planning_kind, activity.start_month, activity.end_month) == (
        PlanningKind.FROM,
        datetime.date(2023, 1, 1),
        None,
    )
    assert (activity.estimate_min, activity.estimate_max) == (None, None)


def test_check_shows_errors_too_and_saves_nothing(client_as, ot1_activity):
    before = snapshot(ot1_activity)
    response = preview(client_as(roles.team_lead(1)), ot1_activity, title="", planning_label="2023")
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert dutch("What the portal read") in html_of(response)
    assert snapshot(ot1_activity) == before


def test_check_says_when_a_text_cannot_be_read(client_as, ot1_activity):
    before = snapshot(ot1_activity)
    response = preview(
        client_as(roles.team_lead(1)),
        ot1_activity,
        planning_label="winter '22",
        start_month="2022-12",
        end_month="2023-02",
        estimate_text="12,500",
        estimate_min="12500",
        estimate_max="12500",
    )
    html = html_of(response)
    assert dutch("The portal cannot read this text.") in html
    assert dutch("A winter runs into the next year; name its months.") in html
    assert dutch("The text is kept as written; fill in the fields below by hand.") in html
    form = response.context["form"]
    assert form["planning_label"].value() == "winter '22"
    assert form["estimate_text"].value() == "12,500"
    assert (form["start_month"].value(), form["end_month"].value()) == ("2022-12", "2023-02")
    assert form["estimate_min"].value() == "12500"
    assert snapshot(ot1_activity) == before


# -- save: what was read is stored -----------------------------------------------------------


def test_saving_stores_what_was_read_not_the_hand_values(client_as, user_named, ot1_activity):
    response = edit(
        client_as(roles.team_lead(1)),
        ot1_activity,
        planning_label="Okt '22 – Maa '23",
        planning_kind=PlanningKind.ONGOING,
        start_month="mei",  # a wrong hand value is replaced, not refused
        end_month="2030-01",
        estimate_text="40-50k?",
        estimate_min="1",
        estimate_max="2",
    )

    assert response.status_code == 302
    ot1_activity.refresh_from_db()
    assert ot1_activity.planning_label == "Okt '22 – Maa '23"
    assert ot1_activity.planning_kind == PlanningKind.PERIOD
    assert ot1_activity.start_month == datetime.date(2022, 10, 1)
    assert ot1_activity.end_month == datetime.date(2023, 3, 1)
    assert ot1_activity.estimate_text == "40-50k?"
    assert ot1_activity.estimate_min == Decimal("40000")
    assert ot1_activity.estimate_max == Decimal("50000")
    assert ot1_activity.estimate_doubtful is True
    record = ot1_activity.history.first()
    assert record.history_user == user_named(roles.team_lead(1))


def test_a_text_without_an_amount_clears_the_amounts(client_as, ot1_activity):
    assert ot1_activity.estimate_min is not None
    edit(client_as(roles.team_lead(1)), ot1_activity, estimate_text="ntb", estimate_doubtful="on")
    ot1_activity.refresh_from_db()
    assert (ot1_activity.estimate_min, ot1_activity.estimate_max) == (None, None)
    assert ot1_activity.estimate_doubtful is False


def test_an_unchanged_text_keeps_a_correction_by_hand(client_as, ot1_activity):
    # The plan's words stay; the team lead corrects the months and the amounts beside them.
    label, text = ot1_activity.planning_label, ot1_activity.estimate_text
    response = edit(
        client_as(roles.team_lead(1)),
        ot1_activity,
        start_month="2021-10",
        estimate_min="52.500",
    )
    assert response.status_code == 302
    ot1_activity.refresh_from_db()
    assert (ot1_activity.planning_label, ot1_activity.estimate_text) == (label, text)
    assert ot1_activity.start_month == datetime.date(2021, 10, 1)
    assert ot1_activity.estimate_min == Decimal("52500")


# -- a text that cannot be read: kept, the fields by hand -----------------------------------


def test_an_unreadable_text_is_kept_with_the_fields_filled_in_by_hand(client_as, ot1_activity):
    client = client_as(roles.team_lead(1))
    response = edit(
        client,
        ot1_activity,
        planning_label="zie toelichting",
        planning_kind=PlanningKind.PERIOD,
        start_month="2022-02",
        end_month="2022-04",
        estimate_text="12,500",
        estimate_min="12.500",
        estimate_max="15000,50",
    )

    assert response.status_code == 302
    ot1_activity.refresh_from_db()
    assert ot1_activity.planning_label == "zie toelichting"
    assert ot1_activity.start_month == datetime.date(2022, 2, 1)
    assert ot1_activity.end_month == datetime.date(2022, 4, 1)
    assert ot1_activity.estimate_text == "12,500"
    assert ot1_activity.estimate_min == Decimal("12500")
    assert ot1_activity.estimate_max == Decimal("15000.50")
    # The page after saving says which texts were not read.
    page = html_of(client.get(response["Location"]))
    for what, text in [("Planning", "zie toelichting"), ("Estimate", "12,500")]:
        message = dutch(
            "The portal could not read the %(what)s “%(text)s”: it is kept as written and "
            "the fields are as you filled them in."
        ) % {"what": dutch(what).lower(), "text": text}
        assert escape(message) in page


def test_an_unreadable_text_with_wrong_hand_values_is_refused(client_as, ot1_activity):
    before = snapshot(ot1_activity)
    response = edit(
        client_as(roles.team_lead(1)),
        ot1_activity,
        planning_label="zie toelichting",
        start_month="2022-05",
        end_month="2022-01",
    )
    assert response.status_code == 200
    assert "end_month" in response.context["form"].errors
    assert snapshot(ot1_activity) == before


# -- own team only -------------------------------------------------------------------------


@pytest.mark.parametrize("username", NOT_THE_TEAM_LEAD)
def test_others_cannot_check_an_activity(client_as, user_named, ot1_activity, username):
    before = snapshot(ot1_activity)
    response = preview(client_as(username), ot1_activity, planning_label="Q1 2023")
    assert_refused(response, in_dutch(can_edit_activity, user_named(username), ot1_activity))
    assert "januari 2023" not in html_of(response)
    assert snapshot(ot1_activity) == before


@pytest.mark.parametrize("username", NOT_THE_TEAM_LEAD)
def test_others_cannot_check_a_new_activity(client_as, user_named, username):
    team = Team.objects.get(number=1)
    count = Activity.objects.count()
    response = client_as(username).post(
        reverse("activity-create", args=[1]), {**new_activity_data(), **PREVIEW}
    )
    assert_refused(response, in_dutch(can_add_activity, user_named(username), team))
    assert Activity.objects.count() == count


def test_a_team_lead_cannot_check_another_teams_activity(client_as, user_named):
    activity = Activity.objects.filter(team__number=2).first()
    before = snapshot(activity)
    response = preview(client_as(roles.team_lead(1)), activity, planning_label="Q1 2023")
    assert_refused(response, in_dutch(can_edit_activity, user_named(roles.team_lead(1)), activity))
    assert snapshot(activity) == before
