"""seed_demo loads the document and creates the demo accounts of the brief, idempotently."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from accounts.models import Role, User
from citydeal.seed import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_USERNAMES = {
    "kernteam1",
    "kernteam2",
    *(f"trekker{n}" for n in range(1, 7)),
    "casus-dordrecht",
    "casus-zoetermeer",
    "directeur",
    "beheerder",
}


def password_works(username: str, password: str) -> bool:
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=password) is not None


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "teams", "activities", "budgets", "cases", "partners", "events", "auth"}
    }


def test_demo_accounts_are_exactly_the_brief():
    assert {account.username for account in DEMO_ACCOUNTS} == EXPECTED_USERNAMES
    assert set(User.objects.values_list("username", flat=True)) >= EXPECTED_USERNAMES


def test_seed_demo_twice_adds_nothing():
    call_command("seed_demo", force=True, verbosity=0)
    before = row_counts()
    call_command("seed_demo", force=True, verbosity=0)
    assert row_counts() == before


def test_a_missing_demo_account_is_created_with_the_password_from_the_environment(settings):
    User.objects.filter(username="kernteam2").update(username="kernteam2-oud")
    settings.DEMO_PASSWORD = "een-ander-wachtwoord"
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert password_works("kernteam2", "een-ander-wachtwoord")
    assert User.objects.get(username="kernteam2").has_role(Role.CORE_TEAM)
    assert "Demo accounts created: kernteam2." in out.getvalue()
    # The accounts that existed keep the password they had.
    assert password_works("kernteam1", "citydeal2021")
    assert not password_works("kernteam1", "een-ander-wachtwoord")


def test_seed_demo_leaves_an_existing_demo_account_as_it_was():
    user = User.objects.get(username="trekker1")
    user.set_password("mijn-eigen-wachtwoord")
    user.first_name = "Tessa"
    user.save()
    call_command("seed_demo", force=True, verbosity=0)
    assert password_works("trekker1", "mijn-eigen-wachtwoord")
    assert User.objects.get(username="trekker1").first_name == "Tessa"


def test_default_demo_password_works():
    for username in EXPECTED_USERNAMES:
        assert password_works(username, "citydeal2021"), username


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("kernteam1", Role.CORE_TEAM),
        ("kernteam2", Role.CORE_TEAM),
        ("trekker3", Role.TEAM_LEAD),
        ("casus-dordrecht", Role.CASE_OWNER),
        ("casus-zoetermeer", Role.CASE_OWNER),
        ("directeur", Role.DIRECTOR),
        ("beheerder", Role.FUNCTIONAL_ADMIN),
    ],
)
def test_each_account_has_its_role_only(username, role):
    user = User.objects.get(username=username)
    assert list(user.groups.values_list("name", flat=True)) == [role.value]
    assert user.has_role(role)


def test_team_leads_lead_their_own_team():
    for n in range(1, 7):
        user = User.objects.get(username=f"trekker{n}")
        assert list(user.led_teams.values_list("number", flat=True)) == [n]


def test_case_owners_own_their_case():
    dordrecht = User.objects.get(username="casus-dordrecht")
    zoetermeer = User.objects.get(username="casus-zoetermeer")
    assert list(dordrecht.owned_cases.values_list("slug", flat=True)) == [
        "dordtse-buurtaanpak-componistenbuurt"
    ]
    assert list(zoetermeer.owned_cases.values_list("slug", flat=True)) == [
        "datagedreven-assetmanagement-zoetermeer"
    ]


def test_no_demo_account_is_superuser_and_beheerder_is_staff():
    # The functional admin works through its role's permissions (issue 8).
    assert not User.objects.filter(is_superuser=True).exists()
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == [
        "beheerder"
    ]


def test_refuses_without_debug_and_changes_nothing(settings):
    settings.DEBUG = False
    settings.DEMO_PASSWORD = "zou-niet-gezet-moeten-worden"
    before = row_counts()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", verbosity=0)
    assert row_counts() == before
    assert password_works("kernteam1", "citydeal2021")


def test_migrations_create_no_accounts(tmp_path):
    env = dict(os.environ, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # Migrate and count in one process: a second Django start-up costs more than it tells.
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.core.management import call_command; "
            "call_command('migrate', verbosity=0); "
            "from accounts.models import User; print(User.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    assert result.stdout.strip() == "0"
