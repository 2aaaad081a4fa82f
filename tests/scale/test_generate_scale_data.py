"""``manage.py generate_scale_data``: N times the seed's volume, added, consistent, repeatable."""

import hashlib
import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, RoleChange, User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetSpace, Decision
from cases.models import Case, CaseCost, Municipality
from events.models import Event
from partners.models import Contact, Organisation, RelatedProgramme
from portal.scale import generate_scale_data
from portal.scale import generator as scale
from spending.constants import COMMITTED_STATES, SpendingState
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from spending.selectors import budget_line_figures, year_figures
from teams.constants import PROGRAMME_SLUG
from teams.models import Goal, Programme, Team
from tests import roles
from workshops.constants import TRANSITIONS, BookingState, SlotState
from workshops.models import Booking, WorkshopSlot

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

COUNTED = {
    "programmes": Programme,
    "teams": Team,
    "goals": Goal,
    "activities": Activity,
    "cases": Case,
    "case costs": CaseCost,
    "events": Event,
    "decisions": Decision,
    "organisations": Organisation,
    "contacts": Contact,
    "related programmes": RelatedProgramme,
    "spending requests": SpendingRequest,
    "workshop slots": WorkshopSlot,
}


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in COUNTED.items()}


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_scale_data", "--force", *args, stdout=out)
    return out.getvalue()


def cdor() -> Programme:
    return Programme.objects.get(slug=PROGRAMME_SLUG)


def digest() -> str:
    """The generated values without pks or times of the run: what the seed decides."""
    rows = {
        "requests": sorted(
            (
                r.budget_line.team.number,
                r.budget_line.period.label,
                r.title,
                str(r.amount),
                str(r.actual_amount),
                r.state,
                r.year,
                r.created.isoformat(),
                r.created_by.username,
            )
            for r in SpendingRequest.objects.select_related(
                "budget_line__team", "budget_line__period", "created_by"
            )
        ),
        "activities": sorted(
            Activity.objects.values_list("team__number", "order", "title", "planning_label")
        ),
        "cases": sorted(Case.objects.values_list("slug", "title", "table_number")),
        "contacts": sorted(Contact.objects.values_list("name", flat=True)),
        "steps": sorted(
            SpendingTransition.objects.values_list("request__title", "to_state", "note", "amount")
        ),
        "slots": sorted(
            WorkshopSlot.objects.values_list(
                "team__number", "title", "start", "capacity", "state", "created_by__username"
            )
        ),
        "bookings": sorted(
            Booking.objects.values_list("slot__title", "case__slug", "state", "created")
        ),
    }
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def test_the_seed_volume_is_that_of_the_fixtures():
    def load(name):
        return json.loads((FIXTURES / f"cdor_{name}.json").read_text())

    def per_team(rows, model):
        found = Counter(row["fields"]["team"][1] for row in rows if row["model"] == model)
        return {number: found.get(number, 0) for number in range(1, 7)}

    def total(rows, model):
        return sum(1 for row in rows if row["model"] == model)

    programme, cases = load("01_programme"), load("02_cases")
    activities, partners, events = load("03_activities"), load("05_partners"), load("06_events")
    assert per_team(programme, "teams.goal") == scale.SEED_GOALS
    assert per_team(activities, "activities.activity") == scale.SEED_ACTIVITIES
    assert per_team(partners, "partners.relatedprogramme") == scale.SEED_RELATED_PROGRAMMES
    assert total(cases, "cases.case") == scale.SEED_CASES
    assert total(cases, "cases.casecost") == scale.SEED_CASE_COSTS
    assert total(events, "events.event") == scale.SEED_EVENTS
    assert total(events, "budgets.decision") == scale.SEED_DECISIONS
    assert total(partners, "partners.organisation") == scale.SEED_ORGANISATIONS
    assert total(partners, "partners.contact") == scale.SEED_CONTACTS
    assert total(activities, "activities.activity") == scale.REQUESTS_PER_SCALE


@pytest.mark.django_db
def test_scale_2_adds_the_seed_volume_once_more_and_48_requests_per_unit():
    before = counts()
    per_team_before = Counter(
        Activity.objects.filter(team__programme=cdor()).values_list("team__number", flat=True)
    )

    out = generate("--scale", "2")

    added = {name: counts()[name] - before[name] for name in COUNTED}
    assert added == {
        "programmes": 0,
        "teams": 0,
        "goals": 16,
        "activities": 48,
        "cases": 15,
        "case costs": 28,
        "events": 11,
        "decisions": 2,
        "organisations": 31,
        "contacts": 32,
        "related programmes": 58,
        "spending requests": 96,
        "workshop slots": 24,
    }
    per_team = Counter(
        Activity.objects.filter(team__programme=cdor()).values_list("team__number", flat=True)
    )
    assert {n: per_team[n] - per_team_before[n] for n in range(1, 7)} == scale.SEED_ACTIVITIES
    assert set(SpendingRequest.objects.values_list("state", flat=True)) == set(SpendingState)
    assert out.startswith("Added at scale 2") and " s." in out
    assert "96 spending requests" in out


@pytest.mark.django_db
def test_more_programmes_have_six_teams_and_the_seeds_volume_in_the_same_tables():
    generate("--scale", "1", "--programmes", "2")

    others = Programme.objects.exclude(slug=PROGRAMME_SLUG).prefetch_related(
        "teams", "budget_periods"
    )
    assert others.count() == 2
    for programme in others:
        assert sorted(team.number for team in programme.teams.all()) == [1, 2, 3, 4, 5, 6]
        assert len(programme.budget_periods.all()) == 2
        assert BudgetLine.objects.filter(team__programme=programme).count() == 12
        assert Activity.objects.filter(team__programme=programme).count() == 48
        assert Case.objects.filter(programme=programme).count() == 15
        assert Event.objects.filter(programme=programme).count() == 11
        assert SpendingRequest.objects.filter(budget_line__team__programme=programme).count() == 48
        assert WorkshopSlot.objects.filter(team__programme=programme).count() == 12
        assert not Booking.objects.filter(slot__team__programme=programme).exclude(
            case__programme=programme
        )
        # Their rows link only to their own programme's rows.
        assert not Activity.cases.through.objects.filter(
            activity__team__programme=programme
        ).exclude(case__programme=programme)
    # At scale 1 the CDOR keeps the seed's content and gets its 48 requests.
    assert Activity.objects.filter(team__programme=cdor()).count() == 48
    assert SpendingRequest.objects.filter(budget_line__team__programme=cdor()).count() == 48


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows():
    def run(seed: str) -> str:
        with transaction.atomic():
            generate("--scale", "2", "--programmes", "1", "--seed", seed)
            value = digest()
            transaction.set_rollback(True)
        return value

    first = run("7")
    assert run("7") == first
    assert run("8") != first


@pytest.mark.django_db
def test_nothing_that_exists_changes_and_a_second_run_adds_another_batch():
    edited = Activity.objects.filter(team__programme=cdor()).order_by("pk").first()
    Activity.objects.filter(pk=edited.pk).update(title="Bewerkt door de teamtrekker")
    models = [*COUNTED.values(), BudgetLine, BudgetSpace, Municipality, User]
    before = {model: {row["id"]: row for row in model.objects.values()} for model in models}

    generate("--scale", "2")
    generate("--scale", "2")

    for model, rows in before.items():
        assert {row["id"]: row for row in model.objects.filter(pk__in=rows).values()} == rows
    assert Activity.objects.get(pk=edited.pk).title == "Bewerkt door de teamtrekker"
    assert SpendingRequest.objects.count() == 192
    # Orders continue per team; slugs never collide (the constraints would refuse).
    orders = Activity.objects.filter(team__programme=cdor(), team__number=1)
    assert sorted(orders.values_list("order", flat=True)) == list(range(1, 15 * 3 + 1))


@pytest.mark.django_db
def test_the_figures_hold_on_every_line_and_year_and_every_trail_is_whole():
    generate("--scale", "3", "--programmes", "1")

    for line in BudgetLine.objects.select_related("team", "period"):
        figures = budget_line_figures(line)
        assert figures.committed <= figures.planned, line
    for programme in Programme.objects.all():
        years = BudgetSpace.objects.filter(programme=programme).values_list("year", flat=True)
        for year in year_figures(programme=programme, years=list(years)):
            assert year.available is None or year.committed <= year.available, year
    today = timezone.localdate()
    requests = SpendingRequest.objects.select_related(
        "budget_line__period", "decision"
    ).prefetch_related("transitions", "changes", "decision__budget_lines")
    for req in requests:
        period = req.budget_line.period
        assert req.amount <= req.budget_line.amount
        assert req.year in period.years
        steps = list(req.transitions.all())
        state = SpendingState.DRAFT
        for step in steps:
            assert step.from_state == state and step.at >= req.created
            state = step.to_state
        assert state == req.state
        if req.state == SpendingState.REALISED:
            assert req.actual_amount <= req.amount
            assert req.realised_on.year in period.years and req.realised_on <= today
        if req.state in COMMITTED_STATES | {SpendingState.REJECTED}:
            assert req.decided_by_id not in (None, req.submitted_by_id)
        if req.decision is not None:
            assert req.state in COMMITTED_STATES
            assert timezone.localtime(req.decided_at).date() == req.decision.date
            assert req.budget_line in req.decision.budget_lines.all()
        if req.state == SpendingState.DRAFT:
            assert req.submitted_by is None
        changed = [c for c in req.changes.all() if c.field == "amount"]
        if changed:
            assert changed[-1].new_value == f"{req.amount:.2f}"
            assert f"{steps[0].amount:.2f}" == changed[0].old_value
    assert SpendingChange.objects.exists()
    assert Decision.objects.filter(spending_requests__isnull=False).exists()


# The (from, to) pairs the table of a booking's steps allows.
STEPS = {(state, target) for (state, _action), target in TRANSITIONS.items()}


@pytest.mark.django_db
def test_workshops_hold_as_the_booking_services_keep_them():
    generate("--scale", "3", "--programmes", "1")
    now = timezone.now()
    bookings = list(
        Booking.objects.select_related("slot").prefetch_related("transitions").order_by("pk")
    )
    slots = list(WorkshopSlot.objects.all())
    assert {b.state for b in bookings} >= {
        BookingState.CONFIRMED,
        BookingState.HELD,
        BookingState.DECLINED,
        BookingState.CANCELLED,
    }
    assert any(slot.start > now for slot in slots) and any(slot.start < now for slot in slots)
    assert any(slot.state == SlotState.CANCELLED for slot in slots)
    places = Counter()
    active = Counter()
    booked = {}
    for b in bookings:
        if b.state in (BookingState.CONFIRMED, BookingState.HELD, BookingState.NOT_HELD):
            places[b.slot_id] += 1
            booked.setdefault(b.case_id, []).append((b.slot.start, b.slot.end))
        if b.state in (BookingState.REQUESTED, BookingState.WAITING, BookingState.CONFIRMED):
            active[(b.slot_id, b.case_id)] += 1
            assert b.slot.state == SlotState.PUBLISHED  # a cancelled slot has none
        if b.state in (BookingState.REQUESTED, BookingState.WAITING):
            assert b.slot.start > now  # nothing waits for an answer after the workshop
        steps = sorted(b.transitions.all(), key=lambda step: (step.at, step.pk))
        assert (steps[0].from_state, steps[0].to_state) == ("", BookingState.REQUESTED)
        for before, after in zip(steps, steps[1:], strict=False):
            assert after.from_state == before.to_state
            assert (before.to_state, after.to_state) in STEPS
        assert steps[-1].to_state == b.state
        assert b.slot.created <= steps[0].at and steps[-1].at <= now
    for slot in slots:
        assert places[slot.pk] <= slot.capacity
        if places[slot.pk] == slot.capacity:
            assert not any(
                b.slot_id == slot.pk and b.state == BookingState.REQUESTED for b in bookings
            )
    assert max(active.values()) == 1
    for spans in booked.values():
        spans.sort()
        pairs = zip(spans, spans[1:], strict=False)
        assert all(a_end <= b_start for (_s, a_end), (b_start, _e) in pairs)  # never two at once


@pytest.mark.django_db
def test_generated_rows_pass_the_validation_of_real_ones():
    generate("--scale", "2", "--programmes", "1")
    new = {
        model: model.objects.order_by("-pk")[:5]
        for model in [Goal, Activity, Case, Event, Decision, RelatedProgramme, Contact]
    }
    for rows in new.values():
        for row in rows:
            row.full_clean()
    for req in SpendingRequest.objects.select_related("budget_line__period", "activity").order_by(
        "-pk"
    )[:20]:
        req.full_clean()
    for slot in WorkshopSlot.objects.select_related("team", "goal", "activity").order_by("-pk")[
        :20
    ]:
        slot.full_clean()


@pytest.mark.django_db
def test_history_and_role_trail_look_as_the_services_write_them():
    generate("--scale", "2")

    activity = Activity.objects.filter(team__programme=cdor()).order_by("-pk").first()
    record = activity.history.get()
    assert record.history_type == "+"
    assert record.history_user.led_teams.filter(pk=activity.team_id).exists()
    assert {m.case_id for m in record.cases.all()} == set(
        activity.cases.values_list("pk", flat=True)
    )
    team = cdor().teams.get(number=1)
    latest = team.history.order_by("-history_date").first()
    assert latest.history_type == "~"
    assert {m.user_id for m in latest.leads.all()} == set(team.leads.values_list("pk", flat=True))
    generated_leads = User.objects.filter(groups__name=Role.TEAM_LEAD, led_teams__isnull=False)
    lead = generated_leads.exclude(username__startswith="trekker").first()
    assert set(RoleChange.objects.filter(user=lead).values_list("role", "subject")) == {
        (Role.TEAM_LEAD, ""),
        (Role.TEAM_LEAD, str(lead.led_teams.get())),
    }
    assert not lead.has_usable_password()


@pytest.mark.django_db
def test_the_pages_answer_after_generation(client_as):
    generate("--scale", "2", "--programmes", "1")
    pages = [
        ("/", roles.DIRECTOR),
        ("/teams/1/", roles.CORE_TEAM),
        ("/cases/", roles.CORE_TEAM),
        ("/partners/", roles.CORE_TEAM),
        ("/spending/", roles.CORE_TEAM),
        ("/spending/mine/", roles.team_lead(1)),
        ("/calendar/", roles.CORE_TEAM),
    ]
    for path, username in pages:
        assert client_as(username).get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--scale", "0"], "argument --scale: must be a whole number of 1 or more, not '0'"),
        (["--scale=-3"], "argument --scale: must be a whole number of 1 or more, not '-3'"),
        (["--scale", "veel"], "must be a whole number of 1 or more, not 'veel'"),
        (["--scale", "2", "--programmes=-1"], "must be a whole number of 0 or more, not '-1'"),
        ([], "the following arguments are required: --scale"),
    ],
)
def test_bad_arguments_are_refused_clearly_and_add_nothing(args, message):
    before = counts()
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert counts() == before


@pytest.mark.django_db
def test_without_debug_or_force_it_refuses(settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("generate_scale_data", "--scale", "2", stdout=StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_without_the_programme_there_is_nothing_to_grow(settings):
    settings.PORTAL_PROGRAMME = "geen-programma"
    with pytest.raises(CommandError, match="load_seed or seed_demo first"):
        generate("--scale", "2")
    with pytest.raises(scale.ScaleDataRefused, match="whole number of 1 or more"):
        generate_scale_data(scale=0)
