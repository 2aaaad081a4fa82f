"""Rows for every model in the admin, made here so the tests do not lean on the seed."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import models

from accounts.models import User
from activities.models import Activity, PlanningKind
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import Case, CaseCost, Municipality
from events.models import Event, EventKind
from partners.models import Contact, Organisation, RelatedProgramme
from reporting.models import Snapshot
from spending.constants import SpendingState
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from teams.models import Goal, Programme, Team


class AdminRows:
    """Builds row number ``n`` of a model, with the rows it refers to and some links.

    Everything hangs off a programme of its own, so keys never clash with the seed.
    """

    def __init__(self):
        self.programme = Programme.objects.create(
            slug="admin-test", name="Admin test programme", short_name="ATP"
        )
        self.builders: dict[type[models.Model], Callable[[int], models.Model]] = {
            Group: self.group,
            User: self.user,
            Programme: self.other_programme,
            Team: self.team,
            Goal: self.goal,
            Activity: self.activity,
            BudgetPeriod: self.period,
            BudgetSpace: self.space,
            BudgetLine: self.line,
            Decision: self.decision,
            Municipality: self.municipality,
            Case: self.case,
            CaseCost: self.case_cost,
            Organisation: self.organisation,
            Contact: self.contact,
            RelatedProgramme: self.related_programme,
            Event: self.event,
            SpendingRequest: self.spending_request,
            SpendingTransition: self.spending_transition,
            SpendingChange: self.spending_change,
            Snapshot: self.snapshot,
        }

    def make(self, model: type[models.Model], n: int) -> models.Model | None:
        """Row ``n`` of ``model``; None when there is no builder for it."""
        builder = self.builders.get(model)
        return builder(n) if builder else None

    def group(self, n):
        return Group.objects.get_or_create(name=f"admin-test-group-{n}")[0]

    def user(self, n):
        user, _ = User.objects.get_or_create(
            username=f"admin-test-user-{n}",
            defaults={"first_name": "Test", "last_name": f"User {n}"},
        )
        user.groups.add(self.group(n))
        return user

    def other_programme(self, n):
        return Programme.objects.get_or_create(
            slug=f"admin-test-{n}", defaults={"name": f"Programme {n}", "short_name": f"P{n}"}
        )[0]

    def team(self, n):
        team, created = Team.objects.get_or_create(
            programme=self.programme,
            number=100 + n,
            defaults={"name": f"Test team {n}", "short_name": f"Test {n}"},
        )
        if created:
            team.leads.add(self.user(n))
        return team

    def goal(self, n):
        return Goal.objects.get_or_create(
            team=self.team(n), order=1, defaults={"letter": "A", "title": f"Goal {n}"}
        )[0]

    def activity(self, n):
        return Activity.objects.get_or_create(
            team=self.team(n),
            order=1,
            defaults={
                "goal": self.goal(n),
                "title": f"Activity {n}",
                "planning_label": "najaar '21 - zomer '22",
                "planning_kind": PlanningKind.PERIOD,
                "start_month": datetime.date(2021, 9, 1),
                "end_month": datetime.date(2022, 8, 1),
                "estimate_text": "ca. 50-60k?",
                "estimate_min": Decimal("50000"),
                "estimate_max": Decimal("60000"),
                "estimate_doubtful": True,
            },
        )[0]

    def period(self, n):
        return BudgetPeriod.objects.get_or_create(
            programme=self.programme,
            label=f"{2030 + n}",
            defaults={"start_year": 2030 + n, "end_year": 2030 + n},
        )[0]

    def space(self, n):
        return BudgetSpace.objects.get_or_create(
            programme=self.programme,
            year=2030 + n,
            defaults={"amount_min": Decimal("400000"), "amount_max": Decimal("500000")},
        )[0]

    def line(self, n):
        return BudgetLine.objects.get_or_create(
            team=self.team(n), period=self.period(n), defaults={"amount": Decimal("150000")}
        )[0]

    def decision(self, n):
        decision, created = Decision.objects.get_or_create(
            programme=self.programme,
            date=datetime.date(2021, 10, 14),
            reference=f"admin-test-{n}",
            defaults={"meeting": "Kernteam", "text": "Groen licht", "event": self.event(n)},
        )
        if created:
            decision.budget_lines.add(self.line(n))
        return decision

    def municipality(self, n):
        return Municipality.objects.get_or_create(name=f"Testgemeente {n}")[0]

    def case(self, n):
        case, created = Case.objects.get_or_create(
            programme=self.programme,
            slug=f"admin-test-case-{n}",
            defaults={
                "title": f"Test case {n}",
                "municipality": self.municipality(n),
                "lead_team": self.team(n),
                "table_number": 1,
            },
        )
        if created:
            case.teams.add(self.team(n))
            case.owners.add(self.user(n))
        return case

    def case_cost(self, n):
        return CaseCost.objects.get_or_create(
            case=self.case(n), year=2022, defaults={"amount": Decimal("20000")}
        )[0]

    def organisation(self, n):
        return Organisation.objects.get_or_create(name=f"Test organisation {n}")[0]

    def contact(self, n):
        return Contact.objects.get_or_create(
            name=f"Test contact {n}", defaults={"organisation": self.organisation(n)}
        )[0]

    def related_programme(self, n):
        related, created = RelatedProgramme.objects.get_or_create(
            team=self.team(n),
            order=1,
            defaults={"name": f"Programme {n}", "knowledge_partner": self.organisation(n)},
        )
        if created:
            related.contacts.add(self.contact(n))
        return related

    def event(self, n):
        event, created = Event.objects.get_or_create(
            programme=self.programme,
            slug=f"admin-test-event-{n}",
            defaults={
                "kind": EventKind.ATELIER,
                "title": f"Atelier {n}",
                "date": datetime.date(2021, 11, 1),
            },
        )
        if created:
            event.teams.add(self.team(n))
            event.cases.add(self.case(n))
        return event

    def spending_request(self, n):
        line = self.line(n)
        return SpendingRequest.objects.get_or_create(
            budget_line=line,
            title=f"Spending request {n}",
            defaults={
                "activity": self.activity(n),
                "year": line.period.start_year,
                "amount": Decimal("1250.00"),
                "state": SpendingState.SUBMITTED,
                "created_by": self.user(n),
                "submitted_by": self.user(n),
            },
        )[0]

    def spending_transition(self, n):
        request = self.spending_request(n)
        step = SpendingTransition.objects.filter(request=request).first()
        if step is None:
            step = SpendingTransition.objects.create(
                request=request,
                by=self.user(n),
                from_state=SpendingState.DRAFT,
                to_state=SpendingState.SUBMITTED,
                note=f"Test step {n}",
            )
        return step

    def spending_change(self, n):
        request = self.spending_request(n)
        change = SpendingChange.objects.filter(request=request).first()
        if change is None:
            change = SpendingChange.objects.create(
                request=request,
                by=self.user(n),
                field=SpendingChange.Field.AMOUNT,
                old_value="1000.00",
                new_value="1250.00",
            )
        return change

    def snapshot(self, n):
        snapshot = Snapshot.objects.filter(programme=self.programme, title=f"Update {n}").first()
        if snapshot is None:
            snapshot = Snapshot.objects.create(
                programme=self.programme,
                title=f"Update {n}",
                taken_by=self.user(n),
                data={"figures": {}, "items": {}},
            )
        return snapshot


@pytest.fixture
def admin_rows(db) -> AdminRows:
    return AdminRows()
