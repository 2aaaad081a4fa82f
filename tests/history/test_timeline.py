"""The timeline on the objects' pages: who changed what, when, from which value to which,
in Dutch; in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from activities.models import Activity
from budgets.models import BudgetLine
from citydeal.history import history_timeline
from partners.models import RelatedProgramme
from teams.models import Team
from tests import roles
from tests.editing.test_team_lead_pages import activity_data
from tests.pages.helpers import dutch

pytestmark = pytest.mark.django_db


@pytest.fixture
def ot1_activity() -> Activity:
    """An OT1 activity as the seed has it: 'ca. 50-60k'-like estimate, a planning label."""
    return (
        Activity.objects.filter(team__number=1)
        .exclude(estimate_text="")
        .exclude(planning_label="")
        .order_by("order")
        .first()
    )


def edit_as_trekker1(client_as, activity, **changes):
    response = client_as(roles.team_lead(1)).post(
        reverse("activity-edit", args=[activity.pk]), activity_data(activity, **changes)
    )
    assert response.status_code == 302, response.context["form"].errors
    return response


def label(verbose_name: str) -> str:
    text = dutch(verbose_name)
    return text[:1].upper() + text[1:]


def test_an_edit_by_the_team_lead_shows_name_and_old_and_new_values(client_as, ot1_activity):
    old_estimate, old_planning = ot1_activity.estimate_text, ot1_activity.planning_label
    edit_as_trekker1(
        client_as,
        ot1_activity,
        estimate_text="ca. 70-80k",
        planning_label="voorjaar '22 - zomer '22",
    )

    html = client_as(roles.DIRECTOR).get(reverse("activity-detail", args=[ot1_activity.pk]))
    html = html.content.decode()

    assert escape(dutch("changed by %(who)s") % {"who": "Trekker OT1"}) in html
    for text in [
        label("estimate (as in the plan)"),
        old_estimate,
        "ca. 70-80k",
        label("planning (as in the plan)"),
        old_planning,
        "voorjaar '22 - zomer '22",
    ]:
        assert escape(text) in html, text


def test_the_entry_has_the_user_the_time_and_each_field(client_as, user_named, ot1_activity):
    before_edit = timezone.now()
    old_kind = ot1_activity.get_planning_kind_display()
    edit_as_trekker1(
        client_as,
        ot1_activity,
        planning_kind="period" if ot1_activity.planning_kind != "period" else "ongoing",
        start_month="2022-03",
        end_month="2022-09",
        estimate_min="70000",
        estimate_max="80000,50",
        estimate_doubtful="on",
    )

    with translation.override("nl"):
        entry = history_timeline(ot1_activity)[0]
        changes = {change.name: (change.old, change.new) for change in entry.changes}
        new_kind = Activity.objects.get(pk=ot1_activity.pk).get_planning_kind_display()

        assert entry.who == user_named(roles.team_lead(1)).display_name
        assert entry.kind == "changed"
        assert entry.when >= before_edit
        assert changes[label("kind of planning")] == (str(old_kind), str(new_kind))
        assert changes[label("start month")][1] == "maart 2022"
        assert changes[label("end month")][1] == "september 2022"
        assert changes[label("estimate minimum (EUR)")][1] == "€ 70.000"
        assert changes[label("estimate maximum (EUR)")][1] == "€ 80.000,50"
        assert changes[label("estimate in doubt")][1] == dutch("yes")


def test_the_first_entry_is_the_plan_document_and_a_change_without_user_is_the_system(
    ot1_activity,
):
    ot1_activity.responsible = "Gemeente Utrecht"
    ot1_activity.save()  # no request, no user

    with translation.override("nl"):
        latest, *_middle, first = history_timeline(ot1_activity)
    assert latest.who == dutch("system")
    assert first.from_seed and first.kind == "created"


def test_linked_cases_show_by_name(client_as, ot1_activity):
    from cases.models import Case

    case = Case.objects.get(slug="dordtse-buurtaanpak-componistenbuurt")
    edit_as_trekker1(client_as, ot1_activity, cases=[case.pk])

    entry = history_timeline(ot1_activity)[0]
    changes = {change.name: (change.old, change.new) for change in entry.changes}
    with translation.override("nl"):
        assert changes[label("cases")][1] == case.title


def test_a_new_activity_shows_what_it_was_created_with(client_as):
    from tests.editing.test_team_lead_pages import new_activity_data

    client_as(roles.team_lead(1)).post(reverse("activity-create", args=[1]), new_activity_data())
    activity = Activity.objects.get(title="Workshop data-standaarden")

    (entry,) = history_timeline(activity)
    assert entry.kind == "created" and not entry.from_seed
    assert ("—", "ca. 10k") in {(c.old, c.new) for c in entry.changes}


def test_the_budget_line_page_shows_the_core_team_change(client_as):
    line = BudgetLine.objects.get(team__number=5, period__label="2021")
    client_as(roles.CORE_TEAM).post(
        reverse("budget-line-edit", args=[line.pk]),
        {"amount": "60000", "main_activities": line.main_activities},
    )
    html = client_as(roles.team_lead(5)).get(reverse("budget-line-detail", args=[line.pk]))
    html = html.content.decode()
    assert escape(dutch("changed by %(who)s") % {"who": "Kim Kernteam"}) in html
    assert "€ 55.000" in html and "€ 60.000" in html


def test_the_team_page_lists_recent_changes_to_goals_activities_and_partners(
    client_as, ot1_activity
):
    edit_as_trekker1(client_as, ot1_activity, estimate_text="ca. 70-80k")
    team_page = client_as(roles.DIRECTOR).get(reverse("team-detail", args=[1])).content.decode()
    changes_url = reverse("team-changes", args=[1])
    assert f'href="{changes_url}"' in team_page
    html = client_as(roles.DIRECTOR).get(changes_url).content.decode()
    assert 'id="history"' in html
    assert "ca. 70-80k" in html
    assert reverse("activity-detail", args=[ot1_activity.pk]) in html
    # What loading the plan recorded is left out on the team page.
    assert escape(dutch("Taken over from the plan document")) not in html


def test_the_case_page_shows_the_owner_change(client_as):
    url = reverse("case-edit", args=["dordtse-buurtaanpak-componistenbuurt"])
    client_as(roles.case_owner(roles.DORDRECHT)).post(
        url, {"description": "Nieuwe vraag", "contact": "Jansen"}
    )
    html = client_as(roles.CORE_TEAM).get(
        reverse("case-detail", args=["dordtse-buurtaanpak-componistenbuurt"])
    )
    html = html.content.decode()
    assert "Casuseigenaar Dordrecht" in html
    assert "Nieuwe vraag" in html and "Jansen" in html


def test_the_related_programme_page_shows_the_change(client_as):
    row = RelatedProgramme.objects.filter(team__number=1).order_by("order").first()
    from tests.editing.test_team_lead_pages import related_data

    client_as(roles.team_lead(1)).post(
        reverse("related-programme-edit", args=[row.pk]), related_data(row, remark="Bellen")
    )
    html = client_as(roles.DIRECTOR).get(reverse("related-programme-detail", args=[row.pk]))
    assert "Bellen" in html.content.decode()


def test_the_timeline_is_cut_at_the_limit_newest_first(ot1_activity):
    for n in range(5):
        ot1_activity.title = f"Versie {n}"
        ot1_activity.save()
    entries = history_timeline(ot1_activity, limit=3)
    assert [e.subject.split(": ", 1)[1] for e in entries] == ["Versie 4", "Versie 3", "Versie 2"]


# -- queries ----------------------------------------------------------------------------


def _changes(activity: Activity, n: int) -> None:
    for i in range(n):
        activity.estimate_min = Decimal(1000 + i)
        activity.save()


@pytest.mark.parametrize("changes", [1, 6])
def test_the_timeline_queries_do_not_grow_with_the_changes(
    ot1_activity, django_assert_num_queries, changes
):
    _changes(ot1_activity, changes)
    # the records with users and related objects, the records before them, the case links
    with django_assert_num_queries(3):
        history_timeline(ot1_activity)


@pytest.mark.parametrize("changes", [1, 6])
def test_the_team_timeline_queries_do_not_grow(ot1_activity, django_assert_num_queries, changes):
    _changes(ot1_activity, changes)
    team = Team.objects.get(number=1)
    # Per kind: the team (records, before, leads), goals (records only: none changed),
    # activities (records, before, cases), related programmes (records only).
    with django_assert_num_queries(8):
        history_timeline(team, limit=20, include_seed=False)


def test_activity_page_query_count(client_as, ot1_activity, django_assert_num_queries):
    edit_as_trekker1(client_as, ot1_activity, estimate_text="ca. 70-80k")
    client = client_as(roles.team_lead(1))
    # session, user, roles, programme, activity with team and goal, its readings of the
    # plan, its cases, the teams the user leads (edit link and the "my team" navigation);
    # the timeline: records, records before, case links; the navigation's count of
    # requests returned.
    with django_assert_num_queries(12):
        assert client.get(reverse("activity-detail", args=[ot1_activity.pk])).status_code == 200


def test_budget_line_page_query_count(client_as, django_assert_num_queries):
    line = BudgetLine.objects.get(team__number=5, period__label="2021")
    client = client_as(roles.CORE_TEAM)
    client.post(
        reverse("budget-line-edit", args=[line.pk]), {"amount": "60000", "main_activities": ""}
    )
    # session, user, roles, programme, line with team and period; the timeline: records,
    # records before; the navigation's count of requests waiting for a decision.
    with django_assert_num_queries(8):
        assert client.get(reverse("budget-line-detail", args=[line.pk])).status_code == 200


def test_related_programme_page_query_count(client_as, django_assert_num_queries):
    from tests.editing.test_team_lead_pages import related_data

    row = RelatedProgramme.objects.filter(team__number=1).order_by("order").first()
    client = client_as(roles.team_lead(1))
    client.post(reverse("related-programme-edit", args=[row.pk]), related_data(row, remark="X"))
    # session, user, roles, programme, row with team and partner, contacts, the teams the
    # user leads (also for the navigation); the timeline: records, records before, contact
    # links; the navigation's count of requests returned to the lead.
    with django_assert_num_queries(11):
        assert client.get(reverse("related-programme-detail", args=[row.pk])).status_code == 200


def test_decision_list_query_count(client_as, django_assert_num_queries):
    client = client_as(roles.CORE_TEAM)
    # session, user, roles, programme, count (the page), decisions with events, their
    # budget lines, their readings of the plan; the navigation's count of requests waiting
    with django_assert_num_queries(9):
        assert client.get(reverse("decision-list")).status_code == 200
