"""Factories for the domain: one per model that tests make by hand, one per role.

Spending requests are brought into their state through the services, so each has the
trail a real one has: ``SpendingRequestFactory(approved=True)`` is created, submitted and
approved, with a transition row for every step.

The deciders default to the demo accounts of ``tests.roles`` (``kernteam1`` decides,
``kernteam2`` realises), looked up or made when missing.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from accounts.models import Role, User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import Case
from events.models import Event, EventKind
from partners.models import Contact, Organisation, RelatedProgramme
from spending import services as spending_services
from spending.constants import SpendingState
from spending.models import SpendingRequest
from teams.models import Goal, Programme, Team
from tests import roles
from workshops.constants import BookingState
from workshops.models import Booking, WorkshopSlot

# -- people ---------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A user without a role. An existing username is looked up, not made again."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.LazyAttribute(lambda o: o.username)
    password = factory.django.Password(roles.DEMO_PASSWORD)

    # The role (group) the user gets; the role factories below set it.
    _role: Role | None = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if cls._role is not None:
            user.groups.add(Group.objects.get(name=cls._role.value))
        return user


class CoreTeamFactory(UserFactory):
    _role = Role.CORE_TEAM
    username = factory.Sequence(lambda n: f"core-{n}")


class DirectorFactory(UserFactory):
    _role = Role.DIRECTOR
    username = factory.Sequence(lambda n: f"director-{n}")


class FunctionalAdminFactory(UserFactory):
    _role = Role.FUNCTIONAL_ADMIN
    username = factory.Sequence(lambda n: f"admin-{n}")


class TeamLeadFactory(UserFactory):
    """``TeamLeadFactory(team=team)``: a team lead who leads ``team``."""

    _role = Role.TEAM_LEAD
    username = factory.Sequence(lambda n: f"lead-{n}")

    @factory.post_generation
    def team(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            extracted.leads.add(obj)


class CaseOwnerFactory(UserFactory):
    """``CaseOwnerFactory(case=case)``: a case owner who owns ``case``."""

    _role = Role.CASE_OWNER
    username = factory.Sequence(lambda n: f"owner-{n}")

    @factory.post_generation
    def case(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            extracted.owners.add(obj)


def _demo_account(username: str) -> User:
    # An existing demo account is used as it is (its roles are the test's business).
    return User.objects.filter(username=username).first() or CoreTeamFactory(username=username)


def demo_core_team() -> User:
    """The core team member who decides in tests: the demo account ``kernteam1``."""
    return _demo_account(roles.CORE_TEAM)


def demo_core_team_other() -> User:
    """The second core team member (``kernteam2``): realises what the first approved."""
    return _demo_account(roles.CORE_TEAM_OTHER)


# -- the programme --------------------------------------------------------------------


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.LazyAttribute(lambda o: f"Programme {o.slug}")
    short_name = factory.LazyAttribute(lambda o: o.slug[:40])


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n % 30 + 1)
    name = factory.LazyAttribute(lambda o: f"Team {o.number}")
    short_name = factory.LazyAttribute(lambda o: f"T{o.number}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    team = factory.SubFactory(TeamFactory)
    order = factory.Sequence(lambda n: n + 1)
    letter = "A"
    title = "Test goal"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    team = factory.SubFactory(TeamFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Test activity"


# -- budgets --------------------------------------------------------------------------


class BudgetPeriodFactory(factory.django.DjangoModelFactory):
    """A one-year period by default; ``BudgetPeriodFactory(start_year=2022, end_year=2023)``."""

    class Meta:
        model = BudgetPeriod

    programme = factory.SubFactory(ProgrammeFactory)
    start_year = 2021
    end_year = factory.LazyAttribute(lambda o: o.start_year)
    label = factory.LazyAttribute(
        lambda o: (
            str(o.start_year) if o.start_year == o.end_year else f"{o.start_year}-{o.end_year}"
        )
    )


class BudgetSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetSpace

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2021
    amount_min = Decimal("100.00")
    amount_max = factory.LazyAttribute(lambda o: o.amount_min)
    carries_over = False


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    team = factory.SubFactory(TeamFactory)
    period = factory.SubFactory(
        BudgetPeriodFactory, programme=factory.SelfAttribute("..team.programme")
    )
    amount = Decimal("80.00")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.WORKSHOP
    title = "Test workshop"
    date = datetime.date(2021, 11, 1)

    @factory.post_generation
    def teams(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.teams.add(*extracted)

    @factory.post_generation
    def cases(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.cases.add(*extracted)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    date = datetime.date(2021, 10, 14)
    reference = factory.Sequence(lambda n: f"decision-{n}")
    meeting = "Kernteam"
    text = "Test decision"

    @factory.post_generation
    def budget_lines(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.budget_lines.add(*extracted)


# -- cases and partners ---------------------------------------------------------------


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"case-{n}")
    title = "Test case"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Contact {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class RelatedProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedProgramme
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Test programme"
    knowledge_partner = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def contacts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.contacts.add(*extracted)


# -- spending requests ----------------------------------------------------------------


class SpendingRequestFactory(factory.django.DjangoModelFactory):
    """A spending request in any state, brought there through the services.

    ``SpendingRequestFactory(budget_line=line, created_by=lead, approved=True)``: created
    and submitted by ``lead``, approved by ``decided_by`` (default ``kernteam1``). The
    traits: ``submitted``, ``approved``, ``rejected``, ``returned``, ``withdrawn``,
    ``realised`` (approved, then realised by ``realised_by``, default ``kernteam2``).
    """

    class Meta:
        model = SpendingRequest

    class Params:
        submitted = factory.Trait(state=SpendingState.SUBMITTED)
        approved = factory.Trait(state=SpendingState.APPROVED)
        rejected = factory.Trait(state=SpendingState.REJECTED)
        returned = factory.Trait(state=SpendingState.RETURNED)
        withdrawn = factory.Trait(state=SpendingState.WITHDRAWN)
        realised = factory.Trait(state=SpendingState.REALISED)

    budget_line = factory.SubFactory(BudgetLineFactory)
    created_by = factory.LazyAttribute(lambda o: TeamLeadFactory(team=o.budget_line.team))
    title = "Test request"
    amount = Decimal("10.00")
    state = SpendingState.DRAFT
    # Who decides and realises, and with which note, date and actual amount.
    decided_by = factory.LazyFunction(demo_core_team)
    realised_by = factory.LazyFunction(demo_core_team_other)
    reject_note = "Not now."
    return_note = "Explain the costs."
    actual_amount = Decimal("10.00")
    realised_on = datetime.date(2021, 12, 1)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Spending requests are made through the services: create.")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        state = kwargs.pop("state")
        by = kwargs.pop("created_by")
        decided_by = kwargs.pop("decided_by")
        realised_by = kwargs.pop("realised_by")
        reject_note = kwargs.pop("reject_note")
        return_note = kwargs.pop("return_note")
        actual_amount = kwargs.pop("actual_amount")
        realised_on = kwargs.pop("realised_on")
        kwargs["amount"] = Decimal(kwargs["amount"])

        req = spending_services.spending_request_create(by=by, **kwargs)
        if state == SpendingState.DRAFT:
            return req
        req = spending_services.spending_request_submit(request_id=req.pk, by=by)
        step = {
            SpendingState.SUBMITTED: lambda: req,
            SpendingState.APPROVED: lambda: spending_services.spending_request_approve(
                request_id=req.pk, by=decided_by
            ),
            SpendingState.REALISED: lambda: spending_services.spending_request_approve(
                request_id=req.pk, by=decided_by
            ),
            SpendingState.REJECTED: lambda: spending_services.spending_request_reject(
                request_id=req.pk, by=decided_by, note=reject_note
            ),
            SpendingState.RETURNED: lambda: spending_services.spending_request_return(
                request_id=req.pk, by=decided_by, note=return_note
            ),
            SpendingState.WITHDRAWN: lambda: spending_services.spending_request_withdraw(
                request_id=req.pk, by=by
            ),
        }[SpendingState(state)]
        req = step()
        if state == SpendingState.REALISED:
            req = spending_services.spending_request_realise(
                request_id=req.pk,
                by=realised_by,
                actual_amount=Decimal(actual_amount),
                realised_on=realised_on,
            )
        return req


# -- workshops ------------------------------------------------------------------------


def _in_days(days: int, hour: int = 10) -> datetime.datetime:
    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class WorkshopSlotFactory(factory.django.DjangoModelFactory):
    """A scheduled workshop of a team, a week from now from 10:00 to 12:00, 3 places.
    ``WorkshopSlotFactory(days=-3)`` lies in the past (test set-up may; the services
    publish only future ones)."""

    class Meta:
        model = WorkshopSlot
        exclude = ("days",)

    days = 7
    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    topic = "data"
    start = factory.LazyAttribute(lambda o: _in_days(o.days))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    location = "Stadskantoor, zaal 3"
    capacity = 3
    created_by = factory.LazyAttribute(lambda o: demo_core_team())


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking brought into its state through the services (with its trail):
    ``BookingFactory(slot=slot, case=case, confirmed=True)``; requested by one of the
    case's owners (made when it has none), decided by ``kernteam1``."""

    class Meta:
        model = Booking

    class Params:
        confirmed = factory.Trait(state=BookingState.CONFIRMED)
        declined = factory.Trait(state=BookingState.DECLINED)
        cancelled = factory.Trait(state=BookingState.CANCELLED)

    slot = factory.SubFactory(WorkshopSlotFactory)
    case = factory.LazyAttribute(lambda o: CaseFactory(programme=o.slot.team.programme))
    questions = "What can we learn?"
    state = BookingState.REQUESTED

    @classmethod
    def _create(cls, model_class, *, slot, case, questions, state, **kwargs):
        from zeal import zeal_ignore

        from workshops import services as workshop_services

        with zeal_ignore():  # set-up reads each case's owners once, row by row
            owner = case.owners.first() or CaseOwnerFactory(case=case)
        booking = workshop_services.booking_request(
            by=owner, slot=slot, case=case, questions=questions
        )
        decider = demo_core_team()
        if state == BookingState.CONFIRMED:
            workshop_services.booking_confirm(booking_id=booking.pk, by=decider)
        elif state == BookingState.DECLINED:
            workshop_services.booking_decline(booking_id=booking.pk, by=decider, note="No")
        elif state == BookingState.CANCELLED:
            workshop_services.booking_cancel(booking_id=booking.pk, by=owner, reason="Ill")
        booking.refresh_from_db()
        return booking
