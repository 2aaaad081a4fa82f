"""The functional admin works in the admin through its role's permissions, not as a
superuser (issue 8): it reads every model, manages users and roles, unlocks accounts and
revokes tokens, and cannot give itself or anyone superuser powers."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse
from django.utils.html import escape
from knox.models import AuthToken

from accounts.models import Role, User
from budgets.models import BudgetLine


@pytest.fixture
def client_as(client, user_named):
    """Like the shared fixture, but "beheerder" is a new account of the functional admin
    role, staff and nothing more: what it may do comes from the role's group alone."""

    def login(username: str):
        if username == "beheerder":
            user = User.objects.create_user("beheerder-2", "beheerder-2@example.org", is_staff=True)
            user.groups.set([Group.objects.get(name=Role.FUNCTIONAL_ADMIN.value)])
        else:
            user = user_named(username)
        client.force_login(user)
        return client

    return login


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _user_form(user: User, **changes) -> dict:
    """The user's change form as the admin shows it, with ``changes``."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": list(Group.objects.filter(user=user).values_list("pk", flat=True)),
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "_save": "Save",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def test_the_demo_functional_admin_is_staff_without_superuser_status(user_named):
    beheerder = user_named("beheerder")

    assert beheerder.is_staff
    assert not beheerder.is_superuser
    assert beheerder.has_role(Role.FUNCTIONAL_ADMIN)


def test_the_admin_index_lists_every_registered_model(client_as):
    response = client_as("beheerder").get(reverse("admin:index"))

    shown = {
        model["object_name"].lower()
        for app in response.context["app_list"]
        for model in app["models"]
    }
    assert response.status_code == 200
    assert shown == {model._meta.model_name for model in admin.site._registry}


def test_the_functional_admin_opens_a_budget_line(client_as):
    line = BudgetLine.objects.first()

    response = client_as("beheerder").get(_url(BudgetLine, "change", line.pk))

    assert response.status_code == 200
    assert escape(str(line.team)) in response.content.decode()  # read-only, as text


def test_the_functional_admin_gives_a_user_a_role(client_as, user_named):
    director = user_named("directeur")
    core = Group.objects.get(name=Role.CORE_TEAM.value)
    groups = [group.pk for group in director.groups.all()] + [core.pk]

    response = client_as("beheerder").post(
        _url(User, "change", director.pk), _user_form(director, groups=groups)
    )

    assert response.status_code == 302
    director = User.objects.get(pk=director.pk)
    assert director.has_role(Role.CORE_TEAM)


def test_the_functional_admin_deactivates_a_user(client_as, user_named):
    lead = user_named("trekker2")

    response = client_as("beheerder").post(
        _url(User, "changelist"),
        {"action": "deactivate_users", "_selected_action": [lead.pk]},
    )

    assert response.status_code == 302
    assert not User.objects.get(pk=lead.pk).is_active


def test_the_functional_admin_cannot_make_itself_superuser(client_as):
    client = client_as("beheerder")
    beheerder = User.objects.get(username="beheerder-2")
    any_permission = Permission.objects.get(codename="change_budgetline")

    response = client.post(
        _url(User, "change", beheerder.pk),
        _user_form(beheerder, is_superuser="on", user_permissions=[any_permission.pk]),
    )

    beheerder = User.objects.get(pk=beheerder.pk)
    assert response.status_code == 302  # the rest of the form is saved
    assert not beheerder.is_superuser
    assert not beheerder.user_permissions.exists()


def test_the_functional_admin_cannot_change_a_superusers_account(client_as, user_named):
    root = User.objects.create_superuser("root", "root@example.org", "geheim-wachtwoord-1")
    director = user_named("directeur")
    client = client_as("beheerder")
    # Another user's account it does change.
    changed = client.post(
        _url(User, "change", director.pk), _user_form(director, email="d@example.org")
    )
    assert changed.status_code == 302

    response = client.post(
        _url(User, "change", root.pk), _user_form(root, email="overgenomen@example.org")
    )
    password = client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "overgenomen-1234", "password2": "overgenomen-1234"},
    )

    assert response.status_code == 403
    assert password.status_code == 403
    root.refresh_from_db()
    assert root.email == "root@example.org"
    assert root.check_password("geheim-wachtwoord-1")


def test_the_role_groups_cannot_be_edited_into_more_power(client_as):
    group = Group.objects.get(name=Role.FUNCTIONAL_ADMIN.value)
    before = set(group.permissions.values_list("pk", flat=True))
    everything = list(Permission.objects.values_list("pk", flat=True))

    client = client_as("beheerder")
    page = client.get(_url(Group, "change", group.pk))

    response = client.post(
        _url(Group, "change", group.pk),
        {"name": group.name, "permissions": everything, "_save": "Save"},
    )

    assert page.status_code == 200  # read
    assert response.status_code == 403  # never changed
    assert set(group.permissions.values_list("pk", flat=True)) == before


def test_the_functional_admin_unlocks_a_locked_account(client_as):
    attempt = AccessAttempt.objects.create(
        username="trekker1",
        ip_address="127.0.0.1",
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/accounts/login/",
        failures_since_start=5,
    )

    response = client_as("beheerder").post(
        _url(AccessAttempt, "delete", attempt.pk), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="trekker1").exists()


def test_the_functional_admin_revokes_a_users_tokens(client_as, user_named):
    lead = user_named("trekker1")
    AuthToken.objects.create(user=lead)
    AuthToken.objects.create(user=lead)

    response = client_as("beheerder").post(
        _url(User, "changelist"),
        {"action": "revoke_api_tokens", "_selected_action": [lead.pk]},
    )

    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=lead).exists()


def test_a_migrate_gives_the_functional_admin_group_its_permissions_without_the_seed(db):
    # Production runs migrate, never seed_demo: migrate's post_migrate restores them.
    group, _ = Group.objects.get_or_create(name=Role.FUNCTIONAL_ADMIN.value)
    group.permissions.clear()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_budgetline", "change_user", "delete_accessattempt", "add_municipality"} <= (
        codenames
    )
    assert not {"change_group", "change_budgetline", "add_permission"} & codenames
