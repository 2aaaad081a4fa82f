"""Role assignments are recorded, by whom and when, in a trail nobody can change."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Role, RoleChange, RoleChangeAction, User
from citydeal.trail import TrailImmutableError
from teams.models import Team
from tests import roles

pytestmark = pytest.mark.django_db


def admin_form_data(response) -> dict:
    """The POST data of an admin change form, as the page filled it in."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif hasattr(value, "strftime"):
            data[name] = value.strftime("%Y-%m-%d")
        else:
            data[name] = str(value)
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    return data


def test_giving_a_role_in_the_admin_is_recorded_with_who_and_what(client_as):
    client = client_as(roles.FUNCTIONAL_ADMIN)
    user = User.objects.create_user("nieuwe-directeur", password="x")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = admin_form_data(client.get(url))
    data["groups"] = [str(Group.objects.get(name=Role.DIRECTOR.value).pk)]

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    change = RoleChange.objects.get(user=user)
    assert change.action == RoleChangeAction.ADDED
    assert change.role == Role.DIRECTOR.value
    assert change.by.username == "beheerder"
    assert change.at is not None


def test_taking_a_role_away_is_recorded():
    user = User.objects.get(username="directeur")
    before = RoleChange.objects.count()
    user.groups.clear()
    change = RoleChange.objects.exclude(pk__in=[]).order_by("-pk").first()
    assert RoleChange.objects.count() == before + 1
    assert (change.user, change.action, change.role) == (
        user,
        RoleChangeAction.REMOVED,
        Role.DIRECTOR.value,
    )
    assert change.by is None  # not in a request: the trail says so


def test_making_someone_team_lead_is_recorded_with_the_team(client_as):
    ot3 = Team.objects.get(programme__slug="cdor", number=3)
    user = User.objects.get(username="trekker1")
    ot3.leads.add(user)
    change = RoleChange.objects.order_by("-pk").first()
    assert (change.user, change.action, change.role, change.subject) == (
        user,
        RoleChangeAction.ADDED,
        Role.TEAM_LEAD.value,
        str(ot3),
    )
    user.led_teams.remove(ot3)
    change = RoleChange.objects.order_by("-pk").first()
    assert (change.action, change.subject) == (RoleChangeAction.REMOVED, str(ot3))


def test_case_owner_links_are_recorded():
    user = User.objects.get(username="casus-zoetermeer")
    before = RoleChange.objects.filter(user=user, role=Role.CASE_OWNER.value).count()
    user.owned_cases.clear()
    assert RoleChange.objects.filter(user=user, role=Role.CASE_OWNER.value).count() == before + 1


def test_a_trail_row_cannot_be_changed_or_deleted_in_code():
    change = RoleChange.objects.create(
        user=User.objects.get(username="directeur"), action="added", role="directeur"
    )
    change.role = "kernteam"
    with pytest.raises(TrailImmutableError):
        change.save()
    with pytest.raises(TrailImmutableError):
        change.delete()
    with pytest.raises(TrailImmutableError):
        RoleChange.objects.filter(pk=change.pk).update(role="kernteam")
    with pytest.raises(TrailImmutableError):
        RoleChange.objects.filter(pk=change.pk).delete()
    change.refresh_from_db()
    assert change.role == "directeur"


def test_a_trail_row_cannot_be_changed_or_deleted_in_the_admin(client_as):
    change = RoleChange.objects.create(
        user=User.objects.get(username="directeur"), action="added", role="directeur"
    )
    client = client_as(roles.FUNCTIONAL_ADMIN)
    change_url = reverse("admin:accounts_rolechange_change", args=[change.pk])
    delete_url = reverse("admin:accounts_rolechange_delete", args=[change.pk])
    changelist = reverse("admin:accounts_rolechange_changelist")

    page = client.get(change_url)
    assert page.status_code == 200  # readable
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change_url, {"role": "kernteam", "action": "removed"}).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [change.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert client.get(reverse("admin:accounts_rolechange_add")).status_code == 403
    change.refresh_from_db()
    assert (change.role, change.action) == ("directeur", "added")
    assert RoleChange.objects.filter(pk=change.pk).exists()


def test_an_account_without_role_gets_403_with_the_reason(client):
    user = User.objects.create_user("zonder-rol", password="x")
    client.force_login(user)
    response = client.get(reverse("overview"))
    assert response.status_code == 403
    from citydeal.permissions import can_view_portal

    assert can_view_portal(user).reason in response.content.decode()
