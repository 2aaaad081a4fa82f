"""The seed goes into an empty portal only: no command undoes what people changed.

A redeploy runs ``load_seed``; a developer restarts ``demo``; either must leave every
edit made since in place, and say in one line that it loaded nothing. Starting over is
``--reset``, refused with DEBUG off.
"""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient
from zeal import zeal_ignore

from accounts.models import User
from activities.models import Activity
from budgets.models import BudgetLine
from citydeal.management.commands import demo
from teams.models import Programme

pytestmark = pytest.mark.django_db

NEW_TITLE = "Verkenning afgerond, vervolg in 2022"


@pytest.fixture
def edited_activity() -> Activity:
    """Activity 1 of OT1 with its title changed by its team lead through the API."""
    activity = Activity.objects.filter(team__number=1).order_by("order").first()
    client = APIClient()
    client.force_authenticate(User.objects.get(username="trekker1"))
    response = client.patch(
        f"/api/v1/activities/{activity.pk}/", {"title": NEW_TITLE}, format="json"
    )
    assert response.status_code == 200, response.content
    activity.refresh_from_db()
    assert activity.title == NEW_TITLE
    return activity


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def title_of(activity: Activity) -> str:
    activity.refresh_from_db()
    return activity.title


def test_an_edit_survives_load_seed(edited_activity):
    history = edited_activity.history.count()
    output = run("load_seed")
    assert title_of(edited_activity) == NEW_TITLE
    assert edited_activity.history.count() == history
    lines = output.strip().splitlines()
    assert len(lines) == 1
    assert "already in the database" in lines[0]
    assert "no row was changed" in lines[0]


def test_an_edit_survives_seed_demo(edited_activity, settings):
    settings.DEBUG = True
    output = run("seed_demo")
    assert title_of(edited_activity) == NEW_TITLE
    assert "already in the database" in output


def test_an_edit_survives_a_second_demo_start(edited_activity, settings):
    settings.DEBUG = True
    run("demo", no_serve=True)
    run("demo", no_serve=True)
    assert title_of(edited_activity) == NEW_TITLE


def test_a_changed_budget_line_survives_load_seed():
    line = BudgetLine.objects.get(team__number=4, period__label="2021")
    line.amount = "45000.00"
    line.save()
    run("load_seed")
    line.refresh_from_db()
    assert str(line.amount) == "45000.00"


@pytest.mark.parametrize("command", ["load_seed", "seed_demo", "demo"])
def test_reset_without_debug_is_refused_and_changes_nothing(command, edited_activity, settings):
    settings.DEBUG = False
    options = {"reset": True}
    if command == "seed_demo":
        options["force"] = True
    if command == "demo":
        options["no_serve"] = True
    users = User.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        run(command, **options)
    assert title_of(edited_activity) == NEW_TITLE
    assert User.objects.count() == users


def test_reset_with_debug_starts_over_from_the_plan(edited_activity, settings):
    settings.DEBUG = True
    original = edited_activity.history.earliest().title
    if connection.vendor == "postgresql":
        # The edit above is in this test's open transaction; PostgreSQL truncates a
        # table only when its deferred constraint checks have run.
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    # Django's loaddata resolves the seed's natural keys row by row: set-up, not a page.
    with zeal_ignore():
        output = run("seed_demo", reset=True)
    assert "Seed data loaded." in output
    reloaded = Activity.objects.get(team__number=1, order=edited_activity.order)
    assert reloaded.title == original != NEW_TITLE
    assert Programme.objects.filter(slug="cdor").count() == 1
    assert User.objects.filter(username="trekker1").exists()


def test_demo_prepares_the_data_in_the_first_process_only(monkeypatch):
    calls = []
    monkeypatch.setattr(demo, "call_command", lambda name, *a, **kw: calls.append(name))

    monkeypatch.delenv("RUN_MAIN", raising=False)
    run("demo")
    assert calls == ["migrate", "seed_demo", "runserver"]

    # The autoreloader's child (and its restarts after a source change) only serves.
    calls.clear()
    monkeypatch.setenv("RUN_MAIN", "true")
    run("demo")
    assert calls == ["runserver"]


def test_demo_no_serve_does_not_start_the_server(monkeypatch):
    with mock.patch.object(demo, "call_command") as called:
        run("demo", no_serve=True)
    assert [c.args[0] for c in called.call_args_list] == ["migrate", "seed_demo"]


@pytest.mark.parametrize(
    ("args", "served_at"), [((), "127.0.0.1:8000"), (("127.0.0.1:8001",), "127.0.0.1:8001")]
)
def test_demo_serves_at_the_address_and_port_it_is_given(monkeypatch, args, served_at):
    """As the README says: ``manage.py demo 127.0.0.1:8001`` when port 8000 is taken."""
    monkeypatch.setenv("RUN_MAIN", "true")  # only the server
    with mock.patch.object(demo, "call_command") as called:
        run("demo", *args)
    assert [c.args for c in called.call_args_list] == [("runserver", served_at)]
