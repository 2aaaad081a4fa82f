"""The admin is no second way in (issue 8): every change of a domain model in the admin
goes through the service of the pages and the API, with its rule, its checks and its
history record; what the service refuses shows on the form with the service's message
and changes nothing. Models without a service are read-only there."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.models import Role, RoleChange
from activities import services as activity_services
from activities.models import Activity
from budgets import services as budget_services
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import Case, CaseCost, Municipality
from events import services as event_services
from events.models import DatePrecision, Event, EventKind
from partners.models import Organisation
from spending import services as spending_services
from teams.models import Goal, Programme, Team


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def refusal(call) -> list[str]:
    """The messages with which the service itself refuses ``call`` (in English)."""
    with translation.override("en"):
        try:
            with transaction.atomic():
                call()
        except ValidationError as refused:
            return refused.messages
        except PermissionDenied as refused:
            return [str(refused)]
    raise AssertionError("the service accepted what the test expects it to refuse")


def shows(response, messages: list[str]) -> bool:
    page = response.content.decode()
    return all(escape(message) in page for message in messages)


@pytest.fixture
def staff(client, user_named):
    """A client logged in as the demo account, made staff (the admin's door), in English."""

    def login(username: str, *, superuser: bool = False):
        user = user_named(username)
        user.is_staff = True
        # A superuser has every Django permission: only the service's rule then decides.
        user.is_superuser = superuser
        user.save(update_fields=["is_staff", "is_superuser"])
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def post_form(client, url: str, data: dict):
    """Send the admin page's form as a browser does: with the inlines' management forms."""
    page = client.get(url)
    assert page.status_code == 200
    sent = {"_save": "Save"}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            sent[management.add_prefix(name)] = management[name].value()
    return client.post(url, {**sent, **data})


def _line() -> BudgetLine:
    return BudgetLine.objects.select_related("team", "period").get(
        team__programme__slug="cdor", team__number=1, period__label="2021"
    )


def _approve(line: BudgetLine, amount: str, user_named) -> None:
    lead, core = user_named("trekker1"), user_named("kernteam1")
    req = spending_services.spending_request_create(
        by=lead, budget_line=line, amount=Decimal(amount), title="Onderzoeksbureau"
    )
    spending_services.spending_request_submit(request_id=req.pk, by=lead)
    spending_services.spending_request_approve(request_id=req.pk, by=core)


# -- budget lines ------------------------------------------------------------------------


def test_a_budget_line_below_what_is_committed_is_refused_with_the_services_message(
    staff, user_named
):
    line = _line()
    _approve(line, "30000.00", user_named)
    records = line.history.count()
    expected = refusal(
        lambda: budget_services.budget_line_update(
            line=line, by=user_named("kernteam1"), amount=Decimal("20000"), main_activities=""
        )
    )

    response = staff("kernteam1").post(
        _url(BudgetLine, "change", line.pk),
        {"amount": "20000", "main_activities": "Minder", "_save": "Save"},
    )

    assert response.status_code == 200  # the form again, not a 500
    assert shows(response, expected)
    line.refresh_from_db()
    assert line.amount == Decimal("50000.00")
    assert line.main_activities != "Minder"
    assert line.history.count() == records


def test_a_budget_line_above_the_maximum_is_refused_on_its_field(staff):
    line = _line()

    response = staff("kernteam1").post(
        _url(BudgetLine, "change", line.pk),
        {"amount": "100000000", "main_activities": "", "_save": "Save"},
    )

    assert response.status_code == 200
    assert "amount" in response.context["adminform"].form.errors
    line.refresh_from_db()
    assert line.amount == Decimal("50000.00")


def test_an_allowed_budget_line_change_goes_through_the_service(staff, user_named):
    line = _line()

    response = staff("kernteam1").post(
        _url(BudgetLine, "change", line.pk),
        {"amount": "60000", "main_activities": "  Onderzoek  ", "_save": "Save"},
    )

    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("60000.00")
    assert line.main_activities == "Onderzoek"  # trimmed, as the service does
    assert line.history.first().history_user == user_named("kernteam1")


def test_the_functional_admin_reads_a_budget_line_but_cannot_change_it(client_as):
    line = _line()
    client = client_as("beheerder")

    page = client.get(_url(BudgetLine, "change", line.pk))
    response = client.post(
        _url(BudgetLine, "change", line.pk),
        {"amount": "1", "main_activities": "", "_save": "Save"},
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.amount == Decimal("50000.00")


def test_nobody_deletes_a_budget_line_in_the_admin(staff):
    line = _line()

    response = staff("kernteam1", superuser=True).post(
        _url(BudgetLine, "delete", line.pk), {"post": "yes"}
    )

    assert response.status_code == 403
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_a_budget_space_below_what_is_committed_is_refused(staff, user_named):
    line = _line()
    _approve(line, "40000.00", user_named)
    space = BudgetSpace.objects.get(programme__slug="cdor", year=2021)
    before = (space.amount_min, space.amount_max)
    data = {"amount_min": "1", "amount_max": "1", "carries_over": "", "note": ""}
    expected = refusal(
        lambda: budget_services.budget_space_update(
            space=space,
            by=user_named("kernteam1"),
            amount_min=Decimal("1"),
            amount_max=Decimal("1"),
            carries_over=False,
            note="",
        )
    )

    response = staff("kernteam1").post(
        _url(BudgetSpace, "change", space.pk), {**data, "_save": "Save"}
    )

    assert response.status_code == 200
    assert shows(response, expected)
    space.refresh_from_db()
    assert (space.amount_min, space.amount_max) == before


# -- decisions ---------------------------------------------------------------------------


def _other_programme_event() -> Event:
    other = Programme.objects.create(slug="andere-deal", name="Andere City Deal", short_name="AD")
    return Event.objects.create(
        programme=other,
        slug="atelier-elders",
        kind=EventKind.ATELIER,
        title="Atelier elders",
        date=datetime.date(2021, 11, 1),
    )


def test_a_decision_on_another_programmes_event_is_refused_and_nothing_is_recorded(
    staff, user_named
):
    programme = Programme.objects.get(slug="cdor")
    event = _other_programme_event()
    before = Decision.objects.count()
    expected = refusal(
        lambda: budget_services.decision_record(
            programme=programme,
            by=user_named("kernteam1"),
            date=datetime.date(2021, 10, 14),
            meeting="Kernteam",
            text="Groen licht",
            event=event,
        )
    )

    response = staff("kernteam1").post(
        _url(Decision, "add"),
        {
            "programme": programme.pk,
            "date": "2021-10-14",
            "meeting": "Kernteam",
            "text": "Groen licht",
            "event": event.pk,
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert shows(response, expected)
    assert Decision.objects.count() == before


def test_a_decision_added_in_the_admin_gets_the_services_reference_and_history(staff, user_named):
    programme = Programme.objects.get(slug="cdor")
    line = _line()

    response = staff("kernteam1").post(
        _url(Decision, "add"),
        {
            "programme": programme.pk,
            "date": "2030-10-14",
            "meeting": "Kernteam overleg",
            "text": "Groen licht voor fase 1",
            "budget_lines": [line.pk],
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    decision = Decision.objects.get(programme=programme, date=datetime.date(2030, 10, 14))
    assert decision.reference == "kernteam-overleg"
    assert list(decision.budget_lines.all()) == [line]
    assert decision.history.get().history_user == user_named("kernteam1")


def test_a_decision_is_not_edited_in_the_admin(staff):
    decision = Decision.objects.first()

    response = staff("kernteam1", superuser=True).post(
        _url(Decision, "change", decision.pk),
        {"meeting": "Iets anders", "text": "Anders", "_save": "Save"},
    )

    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).meeting == decision.meeting


# -- events ------------------------------------------------------------------------------


def _event_data(programme, **extra) -> dict:
    return {
        "programme": programme.pk,
        "kind": EventKind.ATELIER,
        "title": "Atelier Beheer",
        "date": "2031-11-18",
        "date_precision": DatePrecision.DAY,
        "place": "Utrecht",
        "description": "",
        "_save": "Save",
        **extra,
    }


def test_an_event_added_in_the_admin_gets_the_services_code(staff, user_named):
    programme = Programme.objects.get(slug="cdor")
    team = Team.objects.get(programme=programme, number=2)

    response = staff("kernteam1").post(
        _url(Event, "add"), _event_data(programme, slug="mijn-eigen-code", teams=[team.pk])
    )

    assert response.status_code == 302
    event = Event.objects.get(programme=programme, title="Atelier Beheer")
    assert event.slug == "atelier-beheer-2031-11-18"  # title and date, as the service makes it
    assert list(event.teams.all()) == [team]
    assert event.history.get().history_user == user_named("kernteam1")


def test_an_event_change_in_the_admin_keeps_its_code(staff):
    programme = Programme.objects.get(slug="cdor")
    event = Event.objects.filter(programme=programme).first()
    slug = event.slug

    response = staff("kernteam1").post(
        _url(Event, "change", event.pk),
        _event_data(programme, title="Nieuwe titel", slug="nieuwe-code", date="2021-12-01"),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.slug) == ("Nieuwe titel", slug)


def test_an_event_with_another_programmes_team_is_refused(staff, user_named):
    programme = Programme.objects.get(slug="cdor")
    other = Programme.objects.create(slug="andere-deal", name="Andere", short_name="AD")
    foreign = Team.objects.create(programme=other, number=1, name="Elders", short_name="Elders")
    before = Event.objects.count()
    expected = refusal(
        lambda: event_services.event_create(
            programme=programme,
            by=user_named("kernteam1"),
            kind=EventKind.ATELIER,
            title="Atelier",
            date=datetime.date(2031, 1, 1),
            teams=[foreign],
        )
    )
    data = _event_data(programme, teams=[foreign.pk])

    response = staff("kernteam1").post(_url(Event, "add"), data)

    assert response.status_code == 200
    assert shows(response, expected)
    assert Event.objects.count() == before


def test_a_team_lead_cannot_plan_events_in_the_admin(staff):
    programme = Programme.objects.get(slug="cdor")
    before = Event.objects.count()

    response = staff("trekker1", superuser=True).post(_url(Event, "add"), _event_data(programme))

    assert response.status_code == 403
    assert Event.objects.count() == before


# -- goals: the rule decides per object --------------------------------------------------


def test_a_team_lead_changes_the_own_teams_goal_through_the_service(staff, user_named):
    goal = Goal.objects.get(team__programme__slug="cdor", team__number=1, order=1)

    response = staff("trekker1").post(
        _url(Goal, "change", goal.pk),
        {"letter": "A", "title": "Nieuwe titel", "text": goal.text, "_save": "Save"},
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Nieuwe titel"
    assert goal.history.first().history_user == user_named("trekker1")


def test_a_team_lead_cannot_change_another_teams_goal_in_the_admin(staff):
    goal = Goal.objects.get(team__programme__slug="cdor", team__number=2, order=1)

    response = staff("trekker1", superuser=True).post(
        _url(Goal, "change", goal.pk),
        {"letter": "A", "title": "Overgenomen", "text": "", "_save": "Save"},
    )

    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.title != "Overgenomen"


# -- reference data and role links: the functional admin ----------------------------------


def test_the_functional_admin_adds_a_municipality_and_renames_an_organisation(
    client_as, user_named
):
    client = client_as("beheerder")
    organisation = Organisation.objects.first()

    added = client.post(_url(Municipality, "add"), {"name": "  Testdorp ", "_save": "Save"})
    renamed = post_form(
        client,
        _url(Organisation, "change", organisation.pk),
        {"name": "Nieuwe naam", "website": "https://example.org"},
    )

    assert added.status_code == 302
    assert Municipality.objects.filter(name="Testdorp").exists()  # trimmed by the service
    assert renamed.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nieuwe naam"
    assert organisation.history.first().history_user == user_named("beheerder")


def test_a_case_owner_cannot_change_reference_data_through_the_admin(staff, user_named):
    before = Municipality.objects.count()

    client = staff("casus-dordrecht")
    # Even with the Django permission, the service's rule decides.
    user_named("casus-dordrecht").user_permissions.add(
        *Permission.objects.filter(codename__in=["add_municipality", "view_municipality"])
    )

    response = client.post(_url(Municipality, "add"), {"name": "Testdorp", "_save": "Save"})

    assert response.status_code == 403
    assert Municipality.objects.count() == before


def test_the_functional_admin_sets_team_leads_through_the_service_with_the_role_trail(
    client_as, user_named
):
    team = Team.objects.get(programme__slug="cdor", number=3)
    new_lead = user_named("trekker6")

    response = post_form(
        client_as("beheerder"), _url(Team, "change", team.pk), {"leads": [new_lead.pk]}
    )

    assert response.status_code == 302
    assert list(team.leads.all()) == [new_lead]
    assert team.history.first().history_user == user_named("beheerder")
    assert RoleChange.objects.filter(
        user=new_lead, role=Role.TEAM_LEAD, by=user_named("beheerder")
    ).exists()


# -- no service, no change ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Programme, {"slug": "cdor"}),
        (BudgetPeriod, {"label": "2021"}),
        (CaseCost, {}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_models_without_a_service_are_read_only_in_the_admin(model, lookup, client_as):
    obj = model.objects.filter(**lookup).first()
    client = client_as("beheerder")

    assert client.get(_url(model, "change", obj.pk)).status_code == 200
    assert client.post(_url(model, "change", obj.pk), {"_save": "Save"}).status_code == 403
    assert client.get(_url(model, "add")).status_code == 403
    assert client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_case_description_through_the_admin_is_its_owners(staff, user_named):
    case = Case.objects.get(owners=user_named("casus-dordrecht"))

    mine = post_form(
        staff("casus-dordrecht"),
        _url(Case, "change", case.pk),
        {
            "description": "Nieuwe vragen",
            "contact": case.contact,
            "owners": [user_named("casus-dordrecht").pk],
        },
    )

    assert mine.status_code == 302
    case.refresh_from_db()
    assert case.description == "Nieuwe vragen"
    assert case.history.first().history_user == user_named("casus-dordrecht")


# -- a form sent twice, activities -------------------------------------------------------


def test_a_budget_line_form_sent_twice_records_one_change(staff):
    line = _line()
    client = staff("kernteam1")
    data = {"amount": "55000", "main_activities": "Onderzoek", "_save": "Save"}

    first = client.post(_url(BudgetLine, "change", line.pk), data)
    records = line.history.count()
    again = client.post(_url(BudgetLine, "change", line.pk), data)

    assert (first.status_code, again.status_code) == (302, 302)
    assert line.history.count() == records  # nothing changed the second time: no record


def _activity_data(team, **extra) -> dict:
    return {
        "team": team.pk,
        "title": "Nieuwe verkenning",
        "planning_label": "ntb",
        "planning_kind": "tbd",
        "status": "planned",
        "estimate_text": "",
        "_save": "Save",
        **extra,
    }


def test_a_team_lead_adds_an_activity_in_the_admin_at_the_end_of_the_table(staff, user_named):
    team = Team.objects.get(programme__slug="cdor", number=1)
    last = Activity.objects.filter(team=team).order_by("-order").first().order

    response = staff("trekker1").post(_url(Activity, "add"), _activity_data(team, order="1"))

    assert response.status_code == 302
    activity = Activity.objects.get(team=team, title="Nieuwe verkenning")
    assert activity.order == last + 1  # numbered by the service, not by the form
    assert activity.history.get().history_user == user_named("trekker1")


def test_an_activity_the_service_refuses_shows_its_message_and_is_not_added(staff, user_named):
    team = Team.objects.get(programme__slug="cdor", number=1)
    before = Activity.objects.count()
    expected = refusal(
        lambda: activity_services.activity_create(
            team=team,
            by=user_named("trekker1"),
            data=activity_services.ActivityInput(title="X", estimate_max=Decimal("100")),
        )
    )

    response = staff("trekker1").post(
        _url(Activity, "add"), _activity_data(team, estimate_max="100")
    )

    assert response.status_code == 200
    assert shows(response, expected)
    assert Activity.objects.count() == before


def test_the_core_team_picks_the_programme_of_a_new_event_from_the_autocomplete(staff):
    response = staff("kernteam1").get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "event", "field_name": "programme", "term": "City"},
    )

    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == [
        str(Programme.objects.get(slug="cdor"))
    ]
