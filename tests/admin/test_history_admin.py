"""The functional admin reads an object's history in the admin too."""

from dataclasses import fields as dataclass_fields

import pytest
from django.urls import reverse

from activities.models import Activity
from activities.services import ActivityInput, activity_update
from tests import roles

pytestmark = pytest.mark.django_db


def test_an_activitys_history_shows_in_the_admin(client_as, user_named):
    activity = Activity.objects.filter(team__number=1).order_by("order").first()
    fields = {item.name: getattr(activity, item.name) for item in dataclass_fields(ActivityInput)}
    fields.update(title="Verkenning, bijgesteld", cases=list(activity.cases.all()))
    activity_update(
        activity=activity, by=user_named(roles.team_lead(1)), data=ActivityInput(**fields)
    )

    url = reverse("admin:activities_activity_history", args=[activity.pk])
    page = client_as(roles.FUNCTIONAL_ADMIN).get(url)

    assert page.status_code == 200
    body = page.content.decode()
    assert "Verkenning, bijgesteld" in body
    assert user_named(roles.team_lead(1)).username in body


@pytest.mark.parametrize("username", ["directeur", "kernteam1", "trekker1"])
def test_the_admin_history_is_closed_to_other_roles(client_as, username):
    activity = Activity.objects.filter(team__number=1).order_by("order").first()
    url = reverse("admin:activities_activity_history", args=[activity.pk])
    assert client_as(username).get(url).status_code == 403
