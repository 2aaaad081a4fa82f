"""The permission matrix: every URL of the portal against every role.

Each URL pattern has a row saying which roles may use it. A URL without a row fails
the test, so no page can slip in unguarded. Denied requests answer 403 (a redirect to
the login page for anonymous visitors of pages, 401 for the anonymous API) and
change nothing.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from knox.models import AuthToken

from accounts.models import User
from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import Case
from events.models import Event
from partners.models import Contact, Organisation, RelatedProgramme
from reporting.models import Snapshot
from reporting.services import snapshot_create
from spending import services as spending_services
from spending.models import SpendingRequest
from teams.models import Goal, Programme, Team
from tests import factories, roles
from tests.factories import WorkshopSlotFactory
from workshops import services as workshop_services
from workshops.models import Booking, HelpRequest, WorkshopSlot

pytestmark = pytest.mark.django_db

# The roles of the issue; "this" team and case are OT5 and its Componistenbuurt case.
SUBJECT = roles.Subject(team=5, other_team=1, case=roles.DORDRECHT)
ROLES = {
    "anonymous": roles.ANONYMOUS,
    "director": roles.DIRECTOR,
    "case_owner_this": SUBJECT.case_owner,
    "case_owner_other": SUBJECT.case_owner_other,
    "team_lead_this": SUBJECT.team_lead,
    "team_lead_other": SUBJECT.team_lead_other,
    "core_team": roles.CORE_TEAM,
    "functional_admin": roles.FUNCTIONAL_ADMIN,
}
EVERYONE = frozenset(ROLES)
READERS = EVERYONE - {"anonymous"}
NOBODY = frozenset()

PROJECT_APPS = {
    "accounts",
    "teams",
    "activities",
    "budgets",
    "cases",
    "partners",
    "events",
    "spending",
    "workshops",
    "reporting",
}


class Subjects:
    """The objects the URLs are about, looked up lazily from the seed."""

    @property
    def team(self) -> Team:
        return Team.objects.get(programme__slug="cdor", number=SUBJECT.team)

    @property
    def case(self) -> Case:
        return Case.objects.get(programme__slug="cdor", slug=SUBJECT.case)

    @property
    def goal(self) -> Goal:
        return Goal.objects.filter(team=self.team).order_by("order").first()

    @property
    def activity(self) -> Activity:
        return Activity.objects.filter(team=self.team).order_by("order").first()

    @property
    def related_programme(self) -> RelatedProgramme:
        return RelatedProgramme.objects.filter(team=self.team).order_by("order").first()

    @property
    def budget_line(self) -> BudgetLine:
        return BudgetLine.objects.get(team=self.team, period__label="2021")

    @property
    def budget_space(self) -> BudgetSpace:
        return BudgetSpace.objects.get(programme__slug="cdor", year=2022)

    @property
    def event(self) -> Event:
        return Event.objects.filter(programme__slug="cdor").order_by("date", "slug").first()

    @property
    def budget_period(self) -> BudgetPeriod:
        return self.budget_line.period

    @property
    def decision(self) -> Decision:
        return Decision.objects.filter(programme__slug="cdor").order_by("date", "pk").first()

    @property
    def organisation(self) -> Organisation:
        return Organisation.objects.order_by("name").first()

    @property
    def contact(self) -> Contact:
        return Contact.objects.order_by("name").first()

    def _spending_request(self, state: str) -> SpendingRequest:
        """A request of OT5 by its team lead, brought into ``state`` through the services;
        made once per test (the seed has none)."""
        made = self.__dict__.setdefault("_spending", {})
        if state not in made:
            lead = User.objects.get(username="trekker5")
            req = spending_services.spending_request_create(
                by=lead, budget_line=self.budget_line, title=f"Verzoek {state}", amount="100.00"
            )
            if state != "concept":
                spending_services.spending_request_submit(request_id=req.pk, by=lead)
            if state == "goedgekeurd":
                spending_services.spending_request_approve(
                    request_id=req.pk, by=User.objects.get(username="kernteam2")
                )
            made[state] = SpendingRequest.objects.get(pk=req.pk)
        return made[state]

    def _made(self, name: str, make):
        made = self.__dict__.setdefault("_workshops", {})
        if name not in made:
            made[name] = make()
        return made[name]

    @property
    def workshop_slot(self) -> WorkshopSlot:
        """A workshop of OT5 next week, published by its team lead (made once per test)."""
        return self._made(
            "slot",
            lambda: WorkshopSlotFactory(
                team=self.team, created_by=User.objects.get(username=SUBJECT.team_lead)
            ),
        )

    @property
    def booking(self) -> Booking:
        """The Componistenbuurt's request for a place in it, by its case owner."""
        return self._made(
            "booking",
            lambda: workshop_services.booking_request(
                by=User.objects.get(username=SUBJECT.case_owner),
                slot=self.workshop_slot,
                case=self.case,
                questions="Hoe beginnen we?",
            ),
        )

    @property
    def help_request(self) -> HelpRequest:
        """The Componistenbuurt's open request for help to OT5."""
        return self._made(
            "help",
            lambda: workshop_services.help_request_create(
                by=User.objects.get(username=SUBJECT.case_owner),
                team=self.team,
                case=self.case,
                question="Hulp bij data",
            ),
        )

    @property
    def snapshot(self) -> Snapshot:
        """A snapshot taken by the core team (made once per test)."""
        return self._made(
            "snapshot",
            lambda: snapshot_create(
                programme=Programme.objects.get(slug="cdor"),
                by=User.objects.get(username=roles.CORE_TEAM),
                title="Update directeurenoverleg 24 maart",
            ),
        )

    @property
    def spending_draft(self) -> SpendingRequest:
        return self._spending_request("concept")

    @property
    def spending_submitted(self) -> SpendingRequest:
        return self._spending_request("ingediend")

    @property
    def spending_approved(self) -> SpendingRequest:
        return self._spending_request("goedgekeurd")

    def feed_token(self, username: str) -> str:
        """The calendar address token of this demo account (made once)."""
        return workshop_services.calendar_feed_get(user=User.objects.get(username=username)).token

    @property
    def booking_requested(self) -> Booking:
        """The Componistenbuurt's request for a place in the OT5 workshop."""
        return self.booking

    @property
    def booking_past(self) -> Booking:
        """A confirmed booking of the case in an OT5 workshop that has taken place."""
        if "_past" not in self.__dict__:
            slot = factories.WorkshopSlotFactory(team=self.team, days=3)
            booking = factories.BookingFactory(slot=slot, case=self.case, confirmed=True)
            start = slot.start - datetime.timedelta(days=5)
            WorkshopSlot.objects.filter(pk=slot.pk).update(
                start=start, end=start + datetime.timedelta(hours=2)
            )
            self._past = Booking.objects.get(pk=booking.pk)
        return self._past


@dataclass(frozen=True)
class Row:
    allowed: frozenset
    kwargs: Callable[[Subjects], dict] = lambda s: {}
    method: str = "get"
    # For pages with a form: the POST data of a valid change, sent by every role too.
    post: Callable[[Subjects], dict] | None = None
    data: Callable[[Subjects], dict] = lambda s: {}
    # The object whose fields must stay the same after a refused request.
    subject: Callable[[Subjects], object] | None = None
    api: bool = False
    # Sent with the role's API token instead of its browser session.
    token: bool = False
    # Status of an allowed request when it is not 200 (e.g. a redirect after a POST).
    ok_status: tuple[int, ...] = (200,)


def _public(**kwargs) -> Row:
    return Row(allowed=EVERYONE, **kwargs)


# Spending: the pages for the core team, directors and team leads; the queue for the core
# team and directors; each step for whom its rule names (creator, submitter, core team).
SPENDING_READERS = frozenset({"director", "team_lead_this", "team_lead_other", "core_team"})


def _spending_step(allowed: set, request: str, data=lambda s: {}) -> Row:
    return Row(
        allowed=frozenset(allowed),
        method="post",
        kwargs=lambda s: {"pk": getattr(s, request).pk},
        data=data,
        subject=lambda s: getattr(s, request),
        ok_status=(302,),
    )


MATRIX: dict[str, Row] = {
    # Account pages: open to everyone, so nobody is locked out of logging in.
    "login": _public(),
    "logout": _public(method="post", ok_status=(302,)),
    "set_language": _public(method="post", data=lambda s: {"language": "nl"}, ok_status=(302,)),
    # The icon browsers ask for at /favicon.ico: a redirect to the static icon, for anyone.
    "favicon": _public(ok_status=(302,)),
    "password_reset": _public(),
    "password_reset_done": _public(),
    "password_reset_confirm": _public(
        kwargs=lambda s: {"uidb64": "MQ", "token": "set-password"}, ok_status=(200, 302)
    ),
    "password_reset_complete": _public(),
    "password_change": Row(allowed=READERS),
    "password_change_done": Row(allowed=READERS),
    # Programme pages: everyone with a role reads them.
    "overview": Row(allowed=READERS),
    "team-list": Row(allowed=READERS),
    "team-detail": Row(allowed=READERS, kwargs=lambda s: {"number": s.team.number}),
    "team-activities": Row(allowed=READERS, kwargs=lambda s: {"number": s.team.number}),
    "team-changes": Row(allowed=READERS, kwargs=lambda s: {"number": s.team.number}),
    # The planning as Excel files: whoever reads the planning.
    "team-planning-export": Row(allowed=READERS, kwargs=lambda s: {"number": s.team.number}),
    "planning-export": Row(allowed=READERS),
    # Importing a team's planning: its team lead and the core team (the upload form; its
    # preview and apply steps per role in tests/planning/test_import_pages.py).
    "team-planning-import": Row(
        allowed=frozenset({"team_lead_this", "core_team"}),
        kwargs=lambda s: {"number": s.team.number},
    ),
    "case-list": Row(allowed=READERS),
    "case-detail": Row(allowed=READERS, kwargs=lambda s: {"slug": s.case.slug}),
    "partner-list": Row(allowed=READERS),
    "activity-detail": Row(allowed=READERS, kwargs=lambda s: {"pk": s.activity.pk}),
    "related-programme-detail": Row(
        allowed=READERS, kwargs=lambda s: {"pk": s.related_programme.pk}
    ),
    "organisation-list": Row(allowed=READERS),
    "organisation-detail": Row(allowed=READERS, kwargs=lambda s: {"pk": s.organisation.pk}),
    "partner-search": Row(allowed=READERS, data=lambda s: {"q": "deltares"}),
    "budget-line-detail": Row(allowed=READERS, kwargs=lambda s: {"pk": s.budget_line.pk}),
    "decision-list": Row(allowed=READERS),
    "event-list": Row(allowed=READERS),
    "planning": Row(allowed=READERS),
    # The directors' update: the directors and the core team that prepares it.
    "dashboard": Row(allowed=frozenset({"director", "core_team"})),
    "dashboard-report": Row(allowed=frozenset({"director", "core_team"})),
    "dashboard-report-xlsx": Row(allowed=frozenset({"director", "core_team"})),
    # Where a login lands: a redirect by role, for everyone with a role.
    "home": Row(allowed=READERS, ok_status=(302,)),
    # A team's own content: its team lead only.
    "goal-edit": Row(
        allowed=frozenset({"team_lead_this"}),
        kwargs=lambda s: {"number": s.team.number, "pk": s.goal.pk},
        post=lambda s: {"letter": "Z", "title": "Gewijzigd doel", "text": "Nieuwe tekst"},
        subject=lambda s: s.goal,
    ),
    "activity-create": Row(
        allowed=frozenset({"team_lead_this"}),
        kwargs=lambda s: {"number": s.team.number},
        post=lambda s: {"title": "Nieuwe activiteit", "status": "planned", "planning_kind": "tbd"},
    ),
    "activity-edit": Row(
        allowed=frozenset({"team_lead_this"}),
        kwargs=lambda s: {"pk": s.activity.pk},
        post=lambda s: {"title": "Gewijzigd", "status": "planned", "planning_kind": "tbd"},
        subject=lambda s: s.activity,
    ),
    "related-programme-edit": Row(
        allowed=frozenset({"team_lead_this"}),
        kwargs=lambda s: {"pk": s.related_programme.pk},
        post=lambda s: {"name": "Gewijzigd traject", "position": ""},
        subject=lambda s: s.related_programme,
    ),
    # A case: its own case owner only.
    "case-edit": Row(
        allowed=frozenset({"case_owner_this"}),
        kwargs=lambda s: {"slug": s.case.slug},
        post=lambda s: {"description": "Gewijzigde vragen", "contact": "Iemand anders"},
        subject=lambda s: s.case,
    ),
    # Budgets, decisions and events: the core team.
    "budget-line-edit": Row(
        allowed=frozenset({"core_team"}),
        kwargs=lambda s: {"pk": s.budget_line.pk},
        post=lambda s: {"amount": "1,00", "main_activities": "Gewijzigd"},
        subject=lambda s: s.budget_line,
    ),
    "budget-space-edit": Row(
        allowed=frozenset({"core_team"}),
        kwargs=lambda s: {"year": s.budget_space.year},
        post=lambda s: {"amount_min": "1,00", "amount_max": "2,00", "note": "Gewijzigd"},
        subject=lambda s: s.budget_space,
    ),
    "decision-create": Row(
        allowed=frozenset({"core_team"}),
        post=lambda s: {"date": "2022-01-10", "meeting": "Kernteam", "text": "Besloten"},
    ),
    "event-create": Row(
        allowed=frozenset({"core_team"}),
        post=lambda s: {
            "kind": "workshop",
            "title": "Nieuwe workshop",
            "date": "2022-01-10",
            "date_precision": "day",
        },
    ),
    "event-edit": Row(
        allowed=frozenset({"core_team"}),
        kwargs=lambda s: {"slug": s.event.slug},
        post=lambda s: {
            "kind": "workshop",
            "title": "Gewijzigd",
            "date": "2022-01-10",
            "date_precision": "day",
        },
        subject=lambda s: s.event,
    ),
    "spending-queue": Row(allowed=frozenset({"director", "core_team"})),
    "spending-mine": Row(allowed=SPENDING_READERS),
    "spending-budget": Row(allowed=SPENDING_READERS),
    "spending-create": Row(allowed=frozenset({"team_lead_this", "team_lead_other", "core_team"})),
    "spending-detail": Row(
        allowed=frozenset({"director", "team_lead_this", "core_team"}),
        kwargs=lambda s: {"pk": s.spending_submitted.pk},
    ),
    "spending-edit": Row(
        allowed=frozenset({"team_lead_this"}),
        kwargs=lambda s: {"pk": s.spending_draft.pk},
        post=lambda s: {"budget_line": s.budget_line.pk, "title": "Gewijzigd", "amount": "20,00"},
        subject=lambda s: s.spending_draft,
    ),
    # The calendar addresses: everyone with a role. A feed is read with the token in its
    # address, with or without a session: whoever has the address reads that calendar
    # (refusals answer 404, tested in tests/workshops/test_feeds.py).
    "calendar-feeds": Row(allowed=READERS),
    "calendar-feed-renew": Row(allowed=READERS, method="post", ok_status=(302,)),
    "calendar-feed-user": _public(kwargs=lambda s: {"token": s.feed_token(SUBJECT.team_lead)}),
    "calendar-feed-team": _public(
        kwargs=lambda s: {"token": s.feed_token(SUBJECT.team_lead), "pk": s.team.pk}
    ),
    "calendar-feed-case": _public(
        kwargs=lambda s: {"token": s.feed_token(SUBJECT.case_owner), "pk": s.case.pk}
    ),
    "spending-submit": _spending_step({"team_lead_this"}, "spending_draft"),
    "spending-approve": _spending_step({"core_team"}, "spending_submitted"),
    "spending-reject": _spending_step(
        {"core_team"}, "spending_submitted", data=lambda s: {"decide-note": "Te duur."}
    ),
    "spending-return": _spending_step(
        {"core_team"}, "spending_submitted", data=lambda s: {"decide-note": "Graag toelichten."}
    ),
    "spending-withdraw": _spending_step({"team_lead_this"}, "spending_submitted"),
    "spending-realise": _spending_step(
        {"core_team"},
        "spending_approved",
        data=lambda s: {"realise-actual_amount": "90,00", "realise-realised_on": "2021-12-01"},
    ),
}

# Workshops: everyone with a role reads the agenda, the slots and the requests for help;
# the team's lead and the core team publish and decide; case owners (and the core team)
# ask; a booking is for its case, its team and the core team (and directors read it).
WORKSHOP_PUBLISHERS = frozenset({"team_lead_this", "team_lead_other", "core_team"})
WORKSHOP_ASKERS = frozenset({"case_owner_this", "case_owner_other", "core_team"})
THIS_TEAM = frozenset({"team_lead_this", "core_team"})


def _slot_post(s: Subjects) -> dict:
    slot = s.workshop_slot
    return {
        "title": "Gewijzigde workshop",
        "topic": "data",
        "start": timezone.localtime(slot.start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(slot.end).strftime("%Y-%m-%dT%H:%M"),
        "location": "Online",
        "capacity": "5",
    }


WORKSHOP_MATRIX: dict[str, Row] = {
    "agenda": Row(allowed=READERS),
    "workshop-slot-detail": Row(allowed=READERS, kwargs=lambda s: {"pk": s.workshop_slot.pk}),
    # Creating forms are opened here; what they refuse is in tests/workshops/test_pages.py.
    "workshop-slot-create": Row(allowed=WORKSHOP_PUBLISHERS),
    "workshop-slot-edit": Row(
        allowed=THIS_TEAM,
        kwargs=lambda s: {"pk": s.workshop_slot.pk},
        post=_slot_post,
        subject=lambda s: s.workshop_slot,
    ),
    "workshop-slot-cancel": Row(
        allowed=THIS_TEAM,
        kwargs=lambda s: {"pk": s.workshop_slot.pk},
        post=lambda s: {"reason": "Zaal niet beschikbaar"},
        subject=lambda s: s.workshop_slot,
    ),
    "booking-request": Row(allowed=WORKSHOP_ASKERS, kwargs=lambda s: {"pk": s.workshop_slot.pk}),
    "booking-detail": Row(
        allowed=frozenset({"director", "case_owner_this", "team_lead_this", "core_team"}),
        kwargs=lambda s: {"pk": s.booking.pk},
    ),
    "booking-step": Row(
        allowed=THIS_TEAM,
        method="post",
        kwargs=lambda s: {"pk": s.booking.pk, "action": "confirm"},
        subject=lambda s: s.booking,
        ok_status=(302,),
    ),
    "help-request-create": Row(allowed=WORKSHOP_ASKERS),
    "help-request-detail": Row(allowed=READERS, kwargs=lambda s: {"pk": s.help_request.pk}),
    "help-request-answer": Row(allowed=THIS_TEAM, kwargs=lambda s: {"pk": s.help_request.pk}),
    "help-request-close": Row(
        allowed=frozenset({"case_owner_this", "team_lead_this", "core_team"}),
        method="post",
        kwargs=lambda s: {"pk": s.help_request.pk},
        subject=lambda s: s.help_request,
        ok_status=(302,),
    ),
}
MATRIX.update(WORKSHOP_MATRIX)

# The directors' update: the core team and directors read the snapshots and what changed.
# Taking one (a POST to the list, the core team only) is refused per role in
# tests/reporting/test_pages.py.
UPDATE_READERS = frozenset({"director", "core_team"})
MATRIX.update(
    {
        "snapshot-list": Row(allowed=UPDATE_READERS),
        "snapshot-changes": Row(allowed=UPDATE_READERS, kwargs=lambda s: {"pk": s.snapshot.pk}),
        "dashboard-changes": Row(allowed=UPDATE_READERS),
    }
)


# The REST API (/api/v1/): every role with a portal role reads; the writes of the list and
# detail URLs (POST, PATCH, PUT) are tested per role in tests/api/test_access.py, the
# spending steps here too. Anonymous API requests get 401; the documentation pages are
# pages and send anonymous visitors to the login page.
def _api(allowed=READERS, **kwargs) -> Row:
    return Row(allowed=frozenset(allowed), api=True, **kwargs)


def _api_resource(basename: str, subject: str, allowed=READERS) -> dict[str, Row]:
    return {
        f"api-{basename}-list": _api(allowed),
        f"api-{basename}-detail": _api(allowed, kwargs=lambda s: {"pk": getattr(s, subject).pk}),
    }


def _api_step(allowed: set, request: str, data=lambda s: "{}") -> Row:
    """A step (spending, workshops); ``data`` is the JSON body (the matrix sends API bodies
    as given)."""
    return _api(
        allowed,
        method="post",
        kwargs=lambda s: {"pk": getattr(s, request).pk},
        data=data,
        subject=lambda s: getattr(s, request),
    )


API_MATRIX: dict[str, Row] = {
    "api-token": _api(
        EVERYONE,
        method="post",
        data=lambda s: json.dumps({"username": "trekker1", "password": settings.DEMO_PASSWORD}),
    ),
    # One's own tokens: every logged-in user. Revoking "this" token needs one to be sent.
    "api-token-revoke": _api(
        READERS, method="post", data=lambda s: "{}", token=True, ok_status=(204,)
    ),
    "api-token-revoke-all": _api(READERS, method="post", data=lambda s: "{}", ok_status=(204,)),
    "api-schema": _api(),
    "api-docs": Row(allowed=READERS),
    "api-redoc": Row(allowed=READERS),
    "api-not-found": _api(kwargs=lambda s: {"rest": "teams/no-such-team/"}, ok_status=(404,)),
    **_api_resource("team", "team"),
    "api-team-planning-xlsx": _api(kwargs=lambda s: {"pk": s.team.pk}),
    "api-dashboard": _api({"director", "core_team"}),
    # A JSON body, no file: refused before the body is read (403), or, for who may
    # import, 415 (the endpoint takes multipart/form-data only).
    "api-team-planning-import": _api(
        {"team_lead_this", "core_team"},
        method="post",
        kwargs=lambda s: {"pk": s.team.pk},
        data=lambda s: "{}",
        subject=lambda s: s.activity,
        ok_status=(415,),
    ),
    **_api_resource("goal", "goal"),
    **_api_resource("activity", "activity"),
    **_api_resource("budget-period", "budget_period"),
    **_api_resource("budget-line", "budget_line"),
    **_api_resource("budget-space", "budget_space"),
    **_api_resource("decision", "decision"),
    **_api_resource("case", "case"),
    **_api_resource("organisation", "organisation"),
    **_api_resource("contact", "contact"),
    **_api_resource("related-programme", "related_programme"),
    **_api_resource("event", "event"),
    "api-spending-request-list": _api(SPENDING_READERS),
    "api-spending-request-detail": _api(
        {"director", "team_lead_this", "core_team"},
        kwargs=lambda s: {"pk": s.spending_submitted.pk},
    ),
    "api-spending-request-submit": _api_step({"team_lead_this"}, "spending_draft"),
    "api-spending-request-approve": _api_step({"core_team"}, "spending_submitted"),
    "api-spending-request-reject": _api_step(
        {"core_team"}, "spending_submitted", data=lambda s: json.dumps({"note": "Te duur."})
    ),
    "api-spending-request-return": _api_step(
        {"core_team"},
        "spending_submitted",
        data=lambda s: json.dumps({"note": "Graag toelichten."}),
    ),
    "api-spending-request-withdraw": _api_step({"team_lead_this"}, "spending_submitted"),
    "api-spending-request-realise": _api_step(
        {"core_team"},
        "spending_approved",
        data=lambda s: json.dumps({"actual_amount": "90.00", "realised_on": "2021-12-01"}),
    ),
}
# Workshops: everyone with a role reads the slots and the bookings list (each sees the
# bookings of the own cases and teams); a booking of "this" case in "this" team's slot is
# read by its case's owner, the team's lead, the core team and directors; each step for
# whom its rule names. Creates and changes per role: tests/workshops/test_api.py.
SLOT_PUBLISHERS = frozenset({"team_lead_this", "core_team"})
API_MATRIX.update(
    {
        **_api_resource("workshop-slot", "workshop_slot"),
        "api-workshop-slot-cancel": _api_step(
            SLOT_PUBLISHERS, "workshop_slot", data=lambda s: json.dumps({"reason": "Ziek."})
        ),
        "api-booking-list": _api(READERS),
        "api-booking-detail": _api(
            {"director", "case_owner_this", "team_lead_this", "core_team"},
            kwargs=lambda s: {"pk": s.booking_requested.pk},
        ),
        "api-booking-confirm": _api_step(SLOT_PUBLISHERS, "booking_requested"),
        "api-booking-decline": _api_step(
            SLOT_PUBLISHERS, "booking_requested", data=lambda s: json.dumps({"note": "Vol."})
        ),
        "api-booking-cancel": _api_step(
            SLOT_PUBLISHERS | {"case_owner_this"},
            "booking_requested",
            data=lambda s: json.dumps({"reason": "Verhinderd."}),
        ),
        "api-booking-held": _api_step(
            SLOT_PUBLISHERS, "booking_past", data=lambda s: json.dumps({"report": "Goed."})
        ),
        "api-booking-not-held": _api_step(SLOT_PUBLISHERS, "booking_past"),
    }
)
# Snapshots: read by the core team and directors; POST per role in tests/reporting/test_api.py.
API_MATRIX.update(
    {
        **_api_resource("snapshot", "snapshot", allowed=UPDATE_READERS),
        "api-snapshot-changes": _api(UPDATE_READERS, kwargs=lambda s: {"pk": s.snapshot.pk}),
    }
)
MATRIX.update(API_MATRIX)


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin is checked as one group below
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            for name, route in _walk(pattern.url_patterns, prefix + str(pattern.pattern)):
                yield (namespace + name if name else name), route
        elif isinstance(pattern, URLPattern):
            yield pattern.name, prefix + str(pattern.pattern)


def url_patterns() -> list[tuple[str | None, str]]:
    return list(_walk(get_resolver().url_patterns))


def test_every_url_has_a_row_in_the_matrix():
    patterns = url_patterns()
    unnamed = [route for name, route in patterns if not name]
    assert unnamed == [], "every URL pattern needs a name to be in the matrix"
    names = {name for name, _route in patterns}
    assert sorted(names - set(MATRIX)) == [], "URLs without a row in the permission matrix"
    assert sorted(set(MATRIX) - names) == [], "rows for URLs that no longer exist"


def snapshot(subject) -> dict:
    """Row counts of every project table, and the subject's own fields."""
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
    }
    return {"counts": counts, "subject": model_to_dict(subject) if subject is not None else None}


def _request(client, row: Row, method: str, url: str, subjects: Subjects):
    data = row.post(subjects) if method == "post" and row.post else row.data(subjects)
    if method == "get":
        return client.get(url, data)
    if row.api:
        return client.generic(method.upper(), url, data=data, content_type="application/json")
    return getattr(client, method)(url, data)


def _methods(row: Row) -> list[str]:
    return [row.method, "post"] if row.post is not None else [row.method]


CASES = [
    (name, method, role)
    for name in sorted(MATRIX)
    for method in _methods(MATRIX[name])
    for role in sorted(ROLES)
]


@pytest.mark.parametrize(
    ("name", "method", "role"), CASES, ids=[f"{n}-{m}-{r}" for n, m, r in CASES]
)
def test_matrix(name, method, role, client):
    row = MATRIX[name]
    subjects = Subjects()
    url = reverse(name, kwargs=row.kwargs(subjects))
    username = ROLES[role]
    if username and row.token:
        _instance, token = AuthToken.objects.create(user=User.objects.get(username=username))
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    elif username:
        client.force_login(User.objects.get(username=username))
    subject = row.subject(subjects) if row.subject else None
    before = snapshot(subject)

    response = _request(client, row, method, url, subjects)

    if role in row.allowed:
        expected = (302,) if method == "post" and row.post is not None else row.ok_status
        assert response.status_code in expected, (
            f"{role} should be able to use {name}: {response.status_code}"
        )
        return
    if role == "anonymous":
        if row.api:
            assert response.status_code == 401
        else:
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == 403, f"{role} should be refused {name}"
    if subject is not None:
        subject.refresh_from_db()
    assert snapshot(subject) == before, "a refused request changed something"


ADMIN_URLS = [
    "admin:index",
    "admin:teams_team_changelist",
    "admin:budgets_budgetline_changelist",
    "admin:accounts_user_changelist",
]


@pytest.mark.parametrize("url_name", ADMIN_URLS)
@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_admin_is_for_the_functional_admin_only(url_name, role, client):
    username = ROLES[role]
    if username:
        client.force_login(User.objects.get(username=username))
    url = reverse(url_name)
    response = client.get(url)
    if role == "functional_admin":
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert "login" in response.url
    else:
        assert response.status_code == 403
