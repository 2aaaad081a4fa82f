"""The snapshot pages: the list with the core team's form, what changed since the
previous snapshot, and what changed since the last one up to now; who may see and take."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from activities.models import Activity, ActivityStatus
from budgets.models import BudgetLine
from budgets.services import budget_line_update
from reporting.models import Snapshot
from reporting.services import snapshot_create
from teams.models import Programme
from tests import roles
from tests.pages.helpers import dutch

pytestmark = pytest.mark.django_db

READERS = [roles.DIRECTOR, roles.CORE_TEAM]
REFUSED = [
    roles.team_lead(1),
    roles.case_owner(roles.DORDRECHT),
    roles.FUNCTIONAL_ADMIN,
]


def dutch_plural(singular: str, plural: str, count: int) -> str:
    with translation.override("nl"):
        return translation.ngettext(singular, plural, count)


def _take(user_named, title: str = "Update directeurenoverleg 24 maart") -> Snapshot:
    return snapshot_create(
        programme=Programme.objects.get(slug="cdor"), by=user_named(roles.CORE_TEAM), title=title
    )


def _ot1_2021() -> BudgetLine:
    return BudgetLine.objects.get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )


@pytest.mark.parametrize("username", READERS)
def test_the_core_team_and_directors_read_the_list_newest_first(username, client_as, user_named):
    _take(user_named, "Update januari")
    _take(user_named, "Update maart")
    html = client_as(username).get(reverse("snapshot-list")).content.decode()
    assert html.index("Update maart") < html.index("Update januari")
    has_form = 'name="title"' in html
    assert has_form == (username == roles.CORE_TEAM)


@pytest.mark.parametrize("username", REFUSED)
@pytest.mark.parametrize("name", ["snapshot-list", "dashboard-changes"])
def test_others_are_refused_the_pages(username, name, client_as):
    assert client_as(username).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("username", REFUSED)
def test_others_are_refused_a_snapshots_changes(username, client_as, user_named):
    snapshot = _take(user_named)
    url = reverse("snapshot-changes", args=[snapshot.pk])
    assert client_as(username).get(url).status_code == 403


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(reverse("snapshot-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_core_team_takes_a_snapshot_once_per_form(client_as):
    client = client_as(roles.CORE_TEAM)
    data = {"title": "Update directeurenoverleg 24 maart", "submit_token": "token-1"}
    first = client.post(reverse("snapshot-list"), data)
    snapshot = Snapshot.objects.get()
    assert first.status_code == 302
    assert first.url == reverse("snapshot-changes", args=[snapshot.pk])
    again = client.post(reverse("snapshot-list"), data)  # the browser sends it again
    assert again.url == first.url
    assert Snapshot.objects.count() == 1
    page = client.get(first.url).content.decode()
    assert escape(dutch("This is the first snapshot: there is nothing to compare it with.")) in page


@pytest.mark.parametrize("username", [roles.DIRECTOR, *REFUSED])
def test_only_the_core_team_may_take_one(username, client_as):
    response = client_as(username).post(reverse("snapshot-list"), {"title": "Update"})
    assert response.status_code == 403
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_a_title_that_does_not_do_shows_on_the_form_and_takes_nothing(title, client_as):
    response = client_as(roles.CORE_TEAM).post(
        reverse("snapshot-list"), {"title": title, "submit_token": "token-2"}
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Snapshot.objects.exists()


def test_the_changes_page_shows_each_change_with_its_figures_and_link(client_as, user_named):
    line = _ot1_2021()
    _take(user_named, "Update januari")
    budget_line_update(
        line=line, by=user_named(roles.CORE_TEAM), amount=Decimal("61000.00"), main_activities=""
    )
    activity = Activity.objects.filter(team__number=2).order_by("order").first()
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
    later = _take(user_named, "Update maart")

    html = client_as(roles.DIRECTOR).get(reverse("snapshot-changes", args=[later.pk]))
    html = html.content.decode()
    assert "Update januari" in html and "Update maart" in html
    assert escape(dutch("Budget lines")) in html
    assert f'href="{reverse("budget-line-detail", args=[line.pk])}"' in html
    assert "61.000,00" in html
    assert f'href="{reverse("activity-detail", args=[activity.pk])}"' in html
    assert escape(dutch("Cancelled")) in html
    # Grouped in the fixed order: budgets before status shifts.
    assert html.index(escape(dutch("Budget lines"))) < html.index(escape(dutch("Status shifts")))


def test_what_changed_since_the_last_snapshot_up_to_now(client_as, user_named):
    client = client_as(roles.DIRECTOR)
    nothing = client.get(reverse("dashboard-changes")).content.decode()
    no_snapshot = (
        "No snapshot has been taken yet: there is nothing to compare the current state with."
    )
    assert escape(dutch(no_snapshot)) in nothing
    _take(user_named)
    activity = Activity.objects.filter(team__number=3).order_by("order").first()
    Activity.objects.filter(pk=activity.pk).update(planning_label="Na 2023")
    html = client.get(reverse("dashboard-changes")).content.decode()
    assert escape(dutch("Planning shifts")) in html
    assert escape(activity.title) in html


def test_an_unknown_snapshot_is_404(client_as):
    response = client_as(roles.DIRECTOR).get(reverse("snapshot-changes", args=[999999]))
    assert response.status_code == 404


def test_a_long_kind_of_change_is_cut_with_a_link_to_all_of_it(client_as, user_named, monkeypatch):
    monkeypatch.setattr("reporting.views.GROUP_LIMIT", 2)
    _take(user_named, "Update januari")
    activities = list(Activity.objects.filter(team__number=4).order_by("order")[:3])
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(
        status=ActivityStatus.CANCELLED
    )
    later = _take(user_named, "Update maart")
    client = client_as(roles.DIRECTOR)
    url = reverse("snapshot-changes", args=[later.pk])
    html = client.get(url).content.decode()
    links = [f'href="{reverse("activity-detail", args=[a.pk])}"' for a in activities]
    assert sum(link in html for link in links) == 2
    more = escape(
        dutch_plural(
            "Show all, %(counter)s more change of this kind",
            "Show all, %(counter)s more changes of this kind",
            1,
        )
        % {"counter": 1}
    )
    assert more in html
    assert 'href="?kind=status"' in html
    first = client.get(url, {"kind": "status"}).content.decode()
    second = client.get(url, {"kind": "status", "page": 2}).content.decode()
    assert sum(link in first for link in links) == 2
    assert sum(link in second for link in links) == 1
    assert escape(dutch("Budget lines")) not in first
