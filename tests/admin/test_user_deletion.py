"""Users with history are deactivated, not deleted: the admin refuses to delete them with
the reason and offers "deactivate"; the model refuses too, so no code path turns their
changes into changes by "system". A user with no history at all may still be deleted."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.deletion import UserHasHistory
from accounts.models import User
from partners.models import Organisation
from tests import roles
from tests.accounts.conftest import PASSWORD, is_logged_in, login, obtain_token
from tests.editing.test_team_lead_pages import activity_data

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def edited_by_trekker1(client, user_named, ot1_activity):
    """OT1's activity, edited by trekker1 on the activity page."""
    client.force_login(user_named(roles.team_lead(1)))
    response = client.post(
        reverse("activity-edit", args=[ot1_activity.pk]),
        activity_data(ot1_activity, title="Kennisbank ondergrond"),
    )
    assert response.status_code == 302
    client.logout()
    return ot1_activity


@pytest.fixture
def ot1_activity(db):
    from activities.models import Activity

    return Activity.objects.filter(team__number=1).order_by("order").first()


def _history_names(activity) -> list[str | None]:
    return [
        record.history_user.username if record.history_user else None
        for record in activity.history.select_related("history_user")
    ]


def test_the_admin_refuses_to_delete_trekker1_with_the_reason(
    client_as, user_named, edited_by_trekker1
):
    trekker1 = user_named(roles.team_lead(1))
    assert _history_names(edited_by_trekker1)[0] == "trekker1"
    admin = client_as(roles.FUNCTIONAL_ADMIN)
    url = reverse("admin:accounts_user_delete", args=[trekker1.pk])

    for response in (admin.get(url), admin.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:accounts_user_change", args=[trekker1.pk])
        message = _messages(response)[-1]
        assert message.startswith("trekker1 kan niet worden verwijderd: de geschiedenis noemt")
        assert "Deactiveer het account in plaats daarvan" in message

    assert User.objects.filter(username="trekker1").exists()
    assert _history_names(edited_by_trekker1)[0] == "trekker1"


def test_the_admins_delete_action_refuses_users_with_history(
    client_as, user_named, edited_by_trekker1
):
    trekker1 = user_named(roles.team_lead(1))
    response = client_as(roles.FUNCTIONAL_ADMIN).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [trekker1.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert any(
        message.startswith("trekker1 kan niet worden verwijderd") for message in _messages(response)
    )
    assert User.objects.filter(username="trekker1").exists()
    assert _history_names(edited_by_trekker1)[0] == "trekker1"


def test_the_admin_deactivates_trekker1_who_can_then_no_longer_log_in(
    client, client_as, user_named, edited_by_trekker1
):
    trekker1 = user_named(roles.team_lead(1))
    response = client_as(roles.FUNCTIONAL_ADMIN).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate_users", "_selected_action": [trekker1.pk]},
    )
    assert response.status_code == 302
    trekker1.refresh_from_db()
    assert trekker1.is_active is False
    assert _history_names(edited_by_trekker1)[0] == "trekker1"
    assert "1 gebruiker gedeactiveerd." in _messages(response)
    logged = LogEntry.objects.filter(object_id=str(trekker1.pk), action_flag=CHANGE).first()
    assert logged.user.username == "beheerder"

    client.logout()
    login(client, "trekker1", PASSWORD)
    assert not is_logged_in(client)
    assert obtain_token(client, "trekker1", PASSWORD).status_code == 400


def test_deleting_in_code_is_refused_too_and_the_history_keeps_the_name(user_named):
    """A user without a role whose only trace is one history entry (no trail row, which
    the database would protect anyway)."""
    editor = User.objects.create_user("editor-without-role", password=PASSWORD)
    organisation = Organisation.objects.order_by("pk").first()
    organisation.website = "https://example.nl"
    organisation._history_user = editor
    organisation.save()

    # Each in a transaction of its own, as a request or a command has: the refusal
    # rolls it back.
    with pytest.raises(UserHasHistory), transaction.atomic():
        editor.delete()
    with pytest.raises(UserHasHistory), transaction.atomic():
        User.objects.filter(pk=editor.pk).delete()

    assert User.objects.filter(pk=editor.pk).exists()
    assert organisation.history.first().history_user == editor


def test_a_user_without_history_may_be_deleted_but_one_with_history_may_not(client_as):
    fresh = User.objects.create_user("never-did-anything", password=PASSWORD)
    admin = client_as(roles.FUNCTIONAL_ADMIN)
    response = admin.post(reverse("admin:accounts_user_delete", args=[fresh.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=fresh.pk).exists()

    editor = User.objects.create_user("edited-once", password=PASSWORD)
    organisation = Organisation.objects.order_by("pk").first()
    organisation._history_user = editor
    organisation.website = "https://example.nl"
    organisation.save()
    response = admin.post(reverse("admin:accounts_user_delete", args=[editor.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert User.objects.filter(pk=editor.pk).exists()
    assert organisation.history.first().history_user == editor


def test_the_admin_refuses_a_bidi_override_in_a_users_name(client_as, user_named):
    trekker1 = user_named(roles.team_lead(1))
    url = reverse("admin:accounts_user_change", args=[trekker1.pk])
    joined = timezone.localtime(trekker1.date_joined)
    data = {
        "username": trekker1.username,
        "first_name": trekker1.first_name,
        "last_name": "Jansen\u202egnp.exe",
        "email": trekker1.email,
        "is_active": "on",
        "groups": list(trekker1.groups.values_list("pk", flat=True)),
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
    }
    response = client_as(roles.FUNCTIONAL_ADMIN).post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["last_name"]
    assert "U+202E" in errors["last_name"][0]
    trekker1.refresh_from_db()
    assert "\u202e" not in trekker1.last_name

    data["last_name"] = "Jansen"
    assert client_as(roles.FUNCTIONAL_ADMIN).post(url, data).status_code == 302
    trekker1.refresh_from_db()
    assert trekker1.last_name == "Jansen"
