"""Data for the query-count pins: the seed with a few rows of each kind the pages show,
and a cheap way to grow every kind by ``GROWTH`` rows (bulk inserts, a handful of
queries), so a page's query count can be compared at two sizes in one test.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from activities.models import Activity
from budgets.models import BudgetLine, Decision
from cases.models import Case, CaseCost, Municipality
from citydeal.models import Reading
from events.models import Event, EventKind
from partners.models import Contact, Organisation, RelatedProgramme
from spending.constants import SpendingState
from spending.models import SpendingRequest, SpendingTransition
from teams.constants import PROGRAMME_SLUG
from teams.models import Goal, Programme, Team
from tests import roles
from tests.factories import (
    BookingFactory,
    CaseFactory,
    SpendingRequestFactory,
    WorkshopSlotFactory,
)
from workshops.constants import BookingState
from workshops.models import Booking, BookingTransition, HelpRequest, WorkshopSlot
from workshops.services import help_request_create

# How many rows of every kind the second count adds.
GROWTH = 60

# The steps that bring a request into each state, from a draft.
_STEPS = {
    SpendingState.DRAFT: [],
    SpendingState.SUBMITTED: [SpendingState.SUBMITTED],
    SpendingState.APPROVED: [SpendingState.SUBMITTED, SpendingState.APPROVED],
    SpendingState.REJECTED: [SpendingState.SUBMITTED, SpendingState.REJECTED],
    SpendingState.RETURNED: [SpendingState.SUBMITTED, SpendingState.RETURNED],
    SpendingState.WITHDRAWN: [SpendingState.SUBMITTED, SpendingState.WITHDRAWN],
    SpendingState.REALISED: [
        SpendingState.SUBMITTED,
        SpendingState.APPROVED,
        SpendingState.REALISED,
    ],
}


@dataclass
class Pinned:
    """What the pinned pages are about: OT1, its lead, the Componistenbuurt case, and one
    row of each kind that has a page of its own."""

    programme: Programme
    team: Team
    lead: User
    core: User
    case: Case
    activity: Activity
    goal: Goal
    line: BudgetLine
    related: RelatedProgramme
    event: Event
    draft: SpendingRequest
    submitted: SpendingRequest
    slot: WorkshopSlot
    booking: Booking
    help_request: HelpRequest

    def grow(self, n: int = GROWTH) -> None:
        """Add ``n`` rows of every kind the pages show, all where the pinned pages look:
        goals, activities, related programmes (with organisations and contacts), cases
        (with costs), events and decisions of OT1 and the programme, and spending requests
        in every state on OT1's line, each with its steps."""
        tag = f"grow{Activity.objects.count()}"  # unique per call
        team, programme, case = self.team, self.programme, self.case
        top_goal = Goal.objects.filter(team=team).order_by("-order").first().order
        goals = Goal.objects.bulk_create(
            Goal(team=team, order=top_goal + i + 1, title=f"Doel {tag}-{i}") for i in range(n)
        )
        top = Activity.objects.filter(team=team).order_by("-order").first().order
        activities = Activity.objects.bulk_create(
            Activity(
                team=team,
                goal=goals[i],
                order=top + i + 1,
                title=f"Activiteit {tag}-{i}",
                responsible="ntb",
                planning_label="ntb",
                estimate_text="ntb",
            )
            for i in range(n)
        )
        Activity.cases.through.objects.bulk_create(
            Activity.cases.through(activity=activity, case=case) for activity in activities
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Organisatie {tag}-{i}") for i in range(n)
        )
        contacts = Contact.objects.bulk_create(
            Contact(name=f"Contact {tag}-{i}", organisation=organisations[i]) for i in range(n)
        )
        top = RelatedProgramme.objects.filter(team=team).order_by("-order").first().order
        related = RelatedProgramme.objects.bulk_create(
            RelatedProgramme(
                team=team,
                order=top + i + 1,
                name=f"Traject {tag}-{i}",
                knowledge_partner=organisations[i],
                goal_letters="A",
            )
            for i in range(n)
        )
        RelatedProgramme.contacts.through.objects.bulk_create(
            RelatedProgramme.contacts.through(relatedprogramme=row, contact=contacts[i])
            for i, row in enumerate(related)
        )
        municipality = Municipality.objects.create(name=f"Gemeente {tag}")
        top = 1000 * (Case.objects.filter(lead_team=team).count() + 1)
        cases = Case.objects.bulk_create(
            Case(
                programme=programme,
                slug=f"casus-{tag}-{i}",
                title=f"Casus {tag}-{i}",
                municipality=municipality,
                lead_team=team,
                table_number=top + i,
            )
            for i in range(n)
        )
        Case.teams.through.objects.bulk_create(Case.teams.through(case=c, team=team) for c in cases)
        CaseCost.objects.bulk_create(
            CaseCost(case=c, year=year, amount=Decimal("1000.00"))
            for c in cases
            for year in (2021, 2022)
        )
        events = Event.objects.bulk_create(
            Event(
                programme=programme,
                slug=f"event-{tag}-{i}",
                kind=EventKind.WORKSHOP,
                title=f"Workshop {tag}-{i}",
                date=datetime.date(2021, 11, 1) + datetime.timedelta(days=i),
            )
            for i in range(n)
        )
        Event.teams.through.objects.bulk_create(
            Event.teams.through(event=e, team=team) for e in events
        )
        Event.cases.through.objects.bulk_create(
            Event.cases.through(event=e, case=case) for e in events
        )
        decisions = Decision.objects.bulk_create(
            Decision(
                programme=programme,
                date=datetime.date(2021, 10, 1) + datetime.timedelta(days=i),
                reference=f"besluit-{tag}-{i}",
                meeting="Kernteam",
                text=f"Besluit {tag}-{i}",
                event=events[i],
            )
            for i in range(n)
        )
        Decision.budget_lines.through.objects.bulk_create(
            Decision.budget_lines.through(decision=d, budgetline=self.line) for d in decisions
        )
        self._grow_readings([*activities, *cases, *events, *decisions])
        self._grow_requests(n, tag, activities)
        self._grow_workshops(n, tag, cases)

    def _grow_readings(self, objects: list) -> None:
        """A reading of the plan on every grown activity, case, event and decision: the
        pages read them with the rest of the page's readings, not once per row."""
        Reading.objects.bulk_create(
            Reading(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                field=field,
                plan_words=f"Woorden van het plan {obj.pk}",
                reading=f"Lezing van het portaal {obj.pk}",
            )
            for obj in objects
            for field in ("", "date" if isinstance(obj, Event | Decision) else "cases")
        )

    def _grow_workshops(self, n: int, tag: str, cases: list[Case]) -> None:
        """Upcoming workshops of OT1, each with a booking of the Componistenbuurt in one of
        the states, a request of each grown case on the pinned workshop (requested or on
        the waiting list), each booking with its first step, and requests for help."""
        now = timezone.now()
        slots = WorkshopSlot.objects.bulk_create(
            WorkshopSlot(
                team=self.team,
                title=f"Workshop {tag}-{i}",
                topic=f"thema {i % 5}",
                start=now + datetime.timedelta(days=3 + i, hours=1),
                end=now + datetime.timedelta(days=3 + i, hours=3),
                location="Online",
                capacity=3,
                created_by=self.lead,
            )
            for i in range(n)
        )
        states = [BookingState.REQUESTED, BookingState.CONFIRMED, BookingState.DECLINED]
        rows = [
            Booking(slot=slot, case=self.case, state=states[i % 3], requested_by=self.core)
            for i, slot in enumerate(slots)
        ] + [
            Booking(
                slot=self.slot,
                case=case,
                state=BookingState.WAITING if i % 2 else BookingState.REQUESTED,
                requested_by=self.lead,
            )
            for i, case in enumerate(cases)
        ]
        bookings = Booking.objects.bulk_create(rows)
        BookingTransition.objects.bulk_create(
            BookingTransition(booking=b, by=b.requested_by, from_state="", to_state=b.state)
            for b in bookings
        )
        HelpRequest.objects.bulk_create(
            HelpRequest(team=self.team, case=case, question=f"Hulp {tag}-{i}", created_by=self.lead)
            for i, case in enumerate([self.case] * n)
        )

    def _grow_requests(self, n: int, tag: str, activities: list[Activity]) -> None:
        states = list(_STEPS)
        now = timezone.now()
        rows = []
        for i in range(n):
            state = states[i % len(states)]
            submitted = state != SpendingState.DRAFT
            decided = len(_STEPS[state]) > 1
            realised = state == SpendingState.REALISED
            rows.append(
                SpendingRequest(
                    budget_line=self.line,
                    activity=activities[i],
                    year=self.line.period.start_year,
                    title=f"Verzoek {tag}-{i}",
                    amount=Decimal("1.00"),
                    state=state,
                    created_by=self.lead,
                    submitted_by=self.lead if submitted else None,
                    submitted_at=now if submitted else None,
                    decided_by=self.core if decided else None,
                    decided_at=now if decided else None,
                    actual_amount=Decimal("1.00") if realised else None,
                    realised_on=datetime.date(2021, 12, 1) if realised else None,
                )
            )
        steps = []
        for req in SpendingRequest.objects.bulk_create(rows):
            before = SpendingState.DRAFT
            for after in _STEPS[SpendingState(req.state)]:
                lead_steps = (SpendingState.SUBMITTED, SpendingState.WITHDRAWN)
                steps.append(
                    SpendingTransition(
                        request=req,
                        by=self.lead if after in lead_steps else self.core,
                        from_state=before,
                        to_state=after,
                        amount=req.amount,
                    )
                )
                before = after
        SpendingTransition.objects.bulk_create(steps)


@pytest.fixture
def pinned(db) -> Pinned:
    """The seed, with OT1's lead and the Componistenbuurt case, a draft and a submitted
    request of OT1's lead, and one request in each other state (through the services)."""
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    team = programme.teams.get(number=1)
    lead = User.objects.get(username=roles.team_lead(1))
    core = User.objects.get(username=roles.CORE_TEAM)
    case = Case.objects.get(programme=programme, slug=roles.DORDRECHT)
    activity = Activity.objects.filter(team=team).order_by("order").first()
    line = BudgetLine.objects.filter(team=team).order_by("period__start_year").first()
    made = {
        state: SpendingRequestFactory(
            budget_line=line, activity=activity, created_by=lead, state=state
        )
        for state in _STEPS
    }
    event = Event.objects.filter(programme=programme).order_by("date").first()
    event.teams.add(team)
    event.cases.add(case)
    # OT1's table has no cases in the plan: one, so the page's case figures are computed.
    listed = CaseFactory(programme=programme, slug="ot1-casus", title="Casus", lead_team=team)
    listed.teams.add(team)
    CaseCost.objects.create(case=listed, year=2021, amount=Decimal("1000.00"))
    # A workshop of OT1 with the Componistenbuurt's request, and its request for help.
    owner = User.objects.get(username=roles.case_owner(roles.DORDRECHT))
    slot = WorkshopSlotFactory(team=team, capacity=100, created_by=lead, title="Workshop")
    booking = BookingFactory(slot=slot, case=case)
    help_request = help_request_create(by=owner, team=team, case=case, question="Hulp")
    return Pinned(
        programme=programme,
        team=team,
        lead=lead,
        core=core,
        case=case,
        activity=activity,
        goal=Goal.objects.filter(team=team).order_by("order").first(),
        line=line,
        related=RelatedProgramme.objects.filter(team=team).order_by("order").first(),
        event=event,
        draft=made[SpendingState.DRAFT],
        submitted=made[SpendingState.SUBMITTED],
        slot=slot,
        booking=booking,
        help_request=help_request,
    )
