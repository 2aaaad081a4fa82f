"""The Django admin: every registered model opens for the functional admin, in a
fixed number of queries, and stays closed to everyone else."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from simple_history.models import HistoricalChanges

from accounts.models import User
from budgets.models import BudgetLine
from citydeal.permissions import can_use_admin
from tests import roles

PROJECT_APPS = [
    "accounts",
    "teams",
    "activities",
    "budgets",
    "cases",
    "partners",
    "events",
    "spending",
    "reporting",
]

# A changelist runs a handful of queries (session, user, counts, rows, filter choices,
# prefetches); a missing select_related makes it grow with the rows instead.
CHANGELIST_MAX_QUERIES = 15

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)

# Trails and login records: shown in the admin, never added or edited there.
READ_ONLY = {
    "accounts.rolechange",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    # Spending requests change only through spending.services (rules, budget, trail).
    "spending.spendingrequest",
    "spending.spendingtransition",
    "spending.spendingchange",
    # A snapshot never changes after it is taken (reporting.services).
    "reporting.snapshot",
    # The mail queue: written by the task backend, never by hand.
    "django_tasks_database.dbtaskresult",
}


def _id(model) -> str:
    return model._meta.label_lower


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_project_model_is_in_the_admin():
    # The history tables (django-simple-history) are read on the objects' pages.
    missing = [
        model._meta.label
        for name in PROJECT_APPS
        for model in apps.get_app_config(name).get_models()
        if model not in admin.site._registry and not issubclass(model, HistoricalChanges)
    ]
    assert missing == []


# What the functional admin (staff with its role's permissions, no superuser) adds: users
# and reference data. The rest is added through the services by its own roles, or not at
# all (issue 8: the admin is no second way in).
ADDED_BY_THE_FUNCTIONAL_ADMIN = {
    "accounts.user",
    "cases.municipality",
    "partners.organisation",
    "partners.contact",
}


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_changelist_add_and_search_open_for_the_functional_admin(model, client_as, admin_rows):
    admin_rows.make(model, 1)
    client = client_as(roles.FUNCTIONAL_ADMIN)

    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "changelist"), {"q": "test"}).status_code == 200
    label = model._meta.label_lower
    expected = 200 if label in ADDED_BY_THE_FUNCTIONAL_ADMIN and label not in READ_ONLY else 403
    assert client.get(_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_change_page_opens_for_the_functional_admin(model, client_as, admin_rows):
    obj = admin_rows.make(model, 1) or model._default_manager.first()
    if obj is None:
        pytest.skip(f"no builder for {model._meta.label} and no row in the table")

    response = client_as(roles.FUNCTIONAL_ADMIN).get(_url(model, "change", obj.pk))

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_changelist_queries_do_not_grow_with_the_rows(
    model, client_as, admin_rows, django_assert_max_num_queries
):
    if admin_rows.make(model, 1) is None:
        pytest.skip(f"no builder for {model._meta.label}")
    client = client_as(roles.FUNCTIONAL_ADMIN)
    url = _url(model, "changelist")
    client.get(url)  # warm the per-process caches (content types, site)

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few_rows:
        client.get(url)
    for n in range(2, 6):
        admin_rows.make(model, n)
    with CaptureQueriesContext(connection) as more_rows:
        client.get(url)

    assert len(more_rows) == len(few_rows), [q["sql"] for q in more_rows.captured_queries]


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_a_user_without_staff_status_is_refused_with_the_reason(model, client_as):
    url = _url(model, "changelist")

    response = client_as(roles.DIRECTOR).get(url)

    assert response.status_code == 403
    assert escape(can_use_admin(User.objects.get(username="directeur")).reason) in (
        response.content.decode()
    )


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_an_anonymous_visitor_is_sent_to_the_login_page(model, client):
    url = _url(model, "changelist")
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_admin_index_shows_the_site_header_in_the_language(language, client_as):
    client = client_as(roles.FUNCTIONAL_ADMIN)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("admin:index"))

    with translation.override(language):
        header = str(admin.site.site_header)
    assert response.status_code == 200
    assert escape(header) in response.content.decode()


def test_site_header_source_string():
    with translation.override("en"):
        assert str(admin.site.site_header) == "CDOR portal administration"


def test_user_list_shows_roles_teams_and_cases(client_as, admin_rows):
    case = admin_rows.case(1)  # also makes the team led by admin-test-user-1

    response = client_as(roles.FUNCTIONAL_ADMIN).get(
        _url(User, "changelist"), {"q": "admin-test-user-1"}
    )

    content = response.content.decode()
    assert "admin-test-group-1" in content
    assert "OT101" in content
    assert case.title in content


def test_money_columns_are_formatted_in_euros(client_as, admin_rows):
    line = admin_rows.line(1)

    response = client_as(roles.FUNCTIONAL_ADMIN).get(
        _url(BudgetLine, "changelist"), {"period__id__exact": line.period_id}
    )

    assert "€ 150.000" in response.content.decode()
