"""The workshop pages as each role uses them: "Who helps when", a slot, asking a place, a
booking's steps with its trail, the requests for help, and the workshops on the team and
case pages. Refusals show in Dutch; a full workshop offers the waiting list."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cases.models import Case
from events.models import Event, EventKind
from teams.models import Team
from tests import roles
from tests.factories import BookingFactory, WorkshopSlotFactory
from tests.pages.helpers import dutch, table_with_caption
from workshops.constants import BookingState, HelpRequestState, SlotState
from workshops.models import Booking, HelpRequest, WorkshopSlot
from workshops.services import help_request_create

LEAD = roles.team_lead(5)  # trekker5 leads OT5
OTHER_LEAD = roles.team_lead(1)
OWNER = roles.case_owner(roles.DORDRECHT)  # casus-dordrecht
OTHER_OWNER = roles.case_owner(roles.ZOETERMEER)


def html_of(response) -> str:
    return response.content.decode()


def text_of(response) -> str:
    """The page's text without tags, its spaces collapsed (for sentences across tags)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_of(response)).split())


@pytest.fixture
def ot5(db) -> Team:
    return Team.objects.get(programme__slug="cdor", number=5)


@pytest.fixture
def dordrecht(db) -> Case:
    return Case.objects.get(programme__slug="cdor", slug=roles.DORDRECHT)


@pytest.fixture
def zoetermeer(db) -> Case:
    return Case.objects.get(programme__slug="cdor", slug=roles.ZOETERMEER)


@pytest.fixture
def slot(ot5, user_named) -> WorkshopSlot:
    return WorkshopSlotFactory(
        team=ot5,
        title="Datagedreven beheer",
        topic="data",
        capacity=2,
        created_by=user_named(LEAD),
    )


def ask(client, slot, case, questions="Hoe beginnen we?", **extra):
    return client.post(
        reverse("booking-request", args=[slot.pk]),
        {"case": case.pk, "questions": questions, **extra},
    )


# -- Who helps when -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "username", [OWNER, LEAD, roles.CORE_TEAM, roles.DIRECTOR, roles.FUNCTIONAL_ADMIN]
)
def test_every_role_finds_who_helps_when_in_the_navigation(client_as, username):
    html = html_of(client_as(username).get(reverse("overview")))
    assert f'<a href="{reverse("agenda")}">{escape(dutch("Who helps when"))}</a>' in html


def test_the_agenda_shows_slots_per_month_with_free_places_and_a_request_button(
    client_as, slot, ot5
):
    full = WorkshopSlotFactory(team=ot5, title="Volle workshop", capacity=1, days=40)
    BookingFactory(slot=full, confirmed=True)
    response = client_as(OWNER).get(reverse("agenda"))
    html = html_of(response)
    text = text_of(response)
    assert "Datagedreven beheer" in html and "Volle workshop" in html
    assert "nog 2 plaatsen" in text
    assert "vol – wachtlijst" in text
    month = timezone.localtime(slot.start)
    assert f'id="month-{month:%Y-%m}"' in html
    assert f'href="{reverse("booking-request", args=[slot.pk])}"' in html
    assert dutch("Join the waiting list") in html  # the full one offers the list


def test_the_agenda_shows_the_own_cases_booking_instead_of_the_button(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht)
    html = html_of(client_as(OWNER).get(reverse("agenda")))
    assert f'href="{reverse("booking-detail", args=[booking.pk])}"' in html
    assert f'href="{reverse("booking-request", args=[slot.pk])}"' not in html


def test_a_director_sees_the_agenda_without_request_buttons(client_as, slot):
    html = html_of(client_as(roles.DIRECTOR).get(reverse("agenda")))
    assert "Datagedreven beheer" in html
    assert f'href="{reverse("booking-request", args=[slot.pk])}"' not in html


def test_the_agenda_has_the_programmes_upcoming_events(client_as, slot, ot5):
    event = Event.objects.create(
        programme=ot5.programme,
        slug="atelier-straks",
        kind=EventKind.ATELIER,
        title="Atelier openbare ruimte",
        date=timezone.localdate() + datetime.timedelta(days=3),
    )
    event.teams.add(ot5)
    html = html_of(client_as(OWNER).get(reverse("agenda")))
    assert "Atelier openbare ruimte" in html
    assert html.index("Atelier openbare ruimte") < html.index("Datagedreven beheer")


def test_the_agenda_filters_by_team_topic_and_month(client_as, slot):
    ot1 = Team.objects.get(programme__slug="cdor", number=1)
    other = WorkshopSlotFactory(team=ot1, title="Participatie", topic="participatie", days=70)
    client = client_as(OWNER)
    by_team = html_of(client.get(reverse("agenda"), {"team": 1}))
    assert "Participatie" in by_team and "Datagedreven beheer" not in by_team
    by_topic = html_of(client.get(reverse("agenda"), {"topic": "data"}))
    assert "Datagedreven beheer" in by_topic and "Participatie" not in by_topic
    month = timezone.localtime(other.start).strftime("%Y-%m")
    response = client.get(reverse("agenda"), {"month": month})
    assert "Participatie" in html_of(response)
    assert "Datagedreven beheer" not in html_of(response)
    # The month select offers the months that have items.
    choices = [value for value, _label in response.context["form"].fields["month"].choices]
    assert month in choices and timezone.localtime(slot.start).strftime("%Y-%m") in choices
    nothing = client.get(reverse("agenda"), {"team": 2})
    assert dutch("Nothing in the agenda matches this filter.") in html_of(nothing)


def test_an_invalid_filter_is_shown_and_left_out(client_as, slot):
    response = client_as(OWNER).get(reverse("agenda"), {"month": "1999-01"})
    assert response.status_code == 200
    assert "Datagedreven beheer" in html_of(response)
    assert response.context["form"].errors["month"]


def test_nothing_upcoming_says_so_and_shows_the_last_ones(client_as, ot5):
    WorkshopSlotFactory(team=ot5, title="Vorige workshop", days=-10)
    response = client_as(OWNER).get(reverse("agenda"))
    html = html_of(response)
    assert (
        escape(
            dutch(
                "Nothing is planned yet: no team has published an upcoming workshop "
                "and no event is coming up."
            )
        )
        in html
    )
    assert dutch("The latest workshops and events") in html
    assert "Vorige workshop" in html


def test_cancelled_slots_are_not_in_the_agenda(client_as, slot, user_named):
    slot.state = SlotState.CANCELLED
    slot.save()
    assert "Datagedreven beheer" not in html_of(client_as(OWNER).get(reverse("agenda")))


# -- the journey ---------------------------------------------------------------------------


def test_the_journey_request_confirm_held(client_as, slot, dordrecht):
    client = client_as(OWNER)
    page = client.get(reverse("workshop-slot-detail", args=[slot.pk]))
    assert dutch("Ask for a place") in html_of(page)
    response = ask(client, slot, dordrecht, "Hoe starten we met data?")
    booking = Booking.objects.get(slot=slot, case=dordrecht)
    assert response.status_code == 302
    assert response.url == reverse("booking-detail", args=[booking.pk])
    assert booking.state == BookingState.REQUESTED

    # The team lead sees it waiting on the team page and confirms it there.
    lead = client_as(LEAD)
    team_page = lead.get(reverse("team-detail", kwargs={"number": 5}))
    waiting = table_with_caption(
        team_page, dutch("Requests for a place and the waiting list, the oldest first")
    )
    assert waiting["rows"][1][0] == dordrecht.title
    response = lead.post(
        reverse("booking-step", args=[booking.pk, "confirm"]), {"confirm-note": "Welkom"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED

    # The case page shows it confirmed.
    case_page = client_as(OWNER).get(reverse("case-detail", kwargs={"slug": dordrecht.slug}))
    table = table_with_caption(case_page, dutch("Workshops this case asked for, the latest first"))
    assert table["rows"][1][1:] == [slot.title, "OT5", dutch("Confirmed")]

    # After the workshop the lead marks it held with a report; the trail has every step.
    WorkshopSlot.objects.filter(pk=slot.pk).update(
        start=timezone.now() - datetime.timedelta(hours=3),
        end=timezone.now() - datetime.timedelta(hours=1),
    )
    lead = client_as(LEAD)  # one test client: log the lead in again
    detail = lead.get(reverse("booking-detail", args=[booking.pk]))
    assert dutch("Mark as held") in html_of(detail)
    lead.post(reverse("booking-step", args=[booking.pk, "held"]), {"held-report": "Goed gesprek"})
    booking.refresh_from_db()
    assert booking.state == BookingState.HELD and booking.report == "Goed gesprek"
    trail = table_with_caption(
        lead.get(reverse("booking-detail", args=[booking.pk])),
        dutch("Every step of this booking, oldest first"),
    )
    assert [row[2:4] for row in trail["rows"][1:]] == [
        ["—", dutch("Requested")],
        [dutch("Requested"), dutch("Confirmed")],
        [dutch("Confirmed"), dutch("Held")],
    ]
    assert trail["rows"][2][4] == "Welkom"


def test_declining_needs_a_reason_in_dutch_and_then_shows_it(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht)
    lead = client_as(LEAD)
    url = reverse("booking-step", args=[booking.pk, "decline"])
    response = lead.post(url, {"decline-note": ""})
    assert response.status_code == 400
    assert escape(
        dutch("Give a reason: the other side reads it in the mail and the trail.")
    ) in html_of(response)
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED
    lead.post(url, {"decline-note": "Past niet bij ons team"})
    booking.refresh_from_db()
    assert booking.state == BookingState.DECLINED
    owner_view = client_as(OWNER).get(reverse("booking-detail", args=[booking.pk]))
    assert "Past niet bij ons team" in html_of(owner_view)
    assert dutch("Declined") in html_of(owner_view)


def test_the_case_owner_cancels_with_a_reason(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht, confirmed=True)
    client = client_as(OWNER)
    url = reverse("booking-step", args=[booking.pk, "cancel"])
    refused = client.post(url, {"cancel-reason": ""})
    assert refused.status_code == 400
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED
    assert client.post(url, {"cancel-reason": "Wethouder ziek"}).status_code == 302
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED


def test_a_case_owner_has_no_confirm_and_is_refused_in_dutch(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht)
    client = client_as(OWNER)
    html = html_of(client.get(reverse("booking-detail", args=[booking.pk])))
    assert reverse("booking-step", args=[booking.pk, "confirm"]) not in html
    assert reverse("booking-step", args=[booking.pk, "cancel"]) in html
    response = client.post(reverse("booking-step", args=[booking.pk, "confirm"]))
    assert response.status_code == 403
    reason = dutch("Only the team lead of %(team)s or a core team member can answer this request.")
    assert escape(reason % {"team": slot.team}) in html_of(response)
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED


def test_another_teams_lead_cannot_see_the_booking(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht)
    response = client_as(OTHER_LEAD).get(reverse("booking-detail", args=[booking.pk]))
    assert response.status_code == 403
    assert escape(dutch("You can only see the bookings of your own cases and teams.")) in html_of(
        response
    )


def test_a_step_the_state_refuses_shows_at_the_form(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht, declined=True)
    response = client_as(LEAD).post(reverse("booking-step", args=[booking.pk, "confirm"]))
    assert response.status_code == 409
    message = dutch(
        "A booking with status '%(state)s' cannot be %(action)s: this step is not possible."
    )
    expected = message % {"state": dutch("Declined"), "action": dutch("confirmed")}
    assert escape(expected) in html_of(response)


def test_unknown_step_is_not_found(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht)
    assert (
        client_as(LEAD).post(reverse("booking-step", args=[booking.pk, "approve"])).status_code
        == 404
    )


def test_asking_for_another_case_is_refused(client_as, slot, zoetermeer):
    response = ask(client_as(OWNER), slot, zoetermeer)
    assert response.status_code == 400  # not one of the form's choices
    assert not Booking.objects.filter(slot=slot).exists()


def test_asking_twice_shows_the_conflict(client_as, slot, dordrecht):
    BookingFactory(slot=slot, case=dordrecht)
    response = ask(client_as(OWNER), slot, dordrecht)
    assert response.status_code == 400
    message = dutch("The case '%(case)s' already has a booking for this workshop (%(state)s).")
    expected = message % {"case": dordrecht, "state": dutch("Requested").lower()}
    assert escape(expected) in html_of(response)
    assert Booking.objects.filter(slot=slot).count() == 1


def test_a_full_slot_offers_the_waiting_list(client_as, ot5, dordrecht):
    full = WorkshopSlotFactory(team=ot5, title="Vol", capacity=1)
    BookingFactory(slot=full, confirmed=True)
    client = client_as(OWNER)
    page = html_of(client.get(reverse("workshop-slot-detail", args=[full.pk])))
    assert dutch("Full: on the waiting list") in page
    assert 'name="waiting_list" value="1"' in page
    # Asked without the list: refused, and the page offers it.
    refused = ask(client, full, dordrecht)
    assert refused.status_code == 400
    assert 'name="waiting_list" value="1"' in html_of(refused)
    assert not Booking.objects.filter(slot=full, case=dordrecht).exists()
    ask(client, full, dordrecht, waiting_list="1")
    assert Booking.objects.get(slot=full, case=dordrecht).state == BookingState.WAITING


def test_a_started_workshop_takes_no_requests(client_as, ot5, dordrecht):
    past = WorkshopSlotFactory(team=ot5, days=-1)
    client = client_as(OWNER)
    page = html_of(client.get(reverse("workshop-slot-detail", args=[past.pk])))
    assert dutch("Places can no longer be asked for in this workshop.") in page
    response = ask(client, past, dordrecht)
    assert response.status_code == 400
    assert not Booking.objects.filter(slot=past).exists()


def test_the_lead_sees_the_slots_bookings_and_confirms_from_there(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht)
    response = client_as(LEAD).get(reverse("workshop-slot-detail", args=[slot.pk]))
    table = table_with_caption(
        response, dutch("The cases that asked for a place, the first request first")
    )
    assert table["rows"][1][:3] == [dordrecht.title, dutch("Requested"), booking.questions]
    assert reverse("booking-step", args=[booking.pk, "confirm"]) in html_of(response)
    assert reverse("workshop-slot-edit", args=[slot.pk]) in html_of(response)


def test_the_form_goes_once_the_own_case_has_asked(client_as, slot, dordrecht):
    BookingFactory(slot=slot, case=dordrecht)
    html = html_of(client_as(OWNER).get(reverse("workshop-slot-detail", args=[slot.pk])))
    assert dutch("Requested").lower() in html
    assert f'action="{reverse("booking-request", args=[slot.pk])}"' not in html


def test_the_owner_sees_only_the_own_booking_on_the_slot(client_as, slot, dordrecht, zoetermeer):
    BookingFactory(slot=slot, case=dordrecht)
    BookingFactory(slot=slot, case=zoetermeer)
    html = html_of(client_as(OWNER).get(reverse("workshop-slot-detail", args=[slot.pk])))
    assert dordrecht.title in html and zoetermeer.title not in html


# -- publishing, changing and cancelling a slot --------------------------------------------


def _slot_post(**changes):
    start = timezone.localtime() + datetime.timedelta(days=20)
    data = {
        "title": "Asset management",
        "topic": "data",
        "start": start.strftime("%Y-%m-%dT10:00"),
        "end": start.strftime("%Y-%m-%dT12:00"),
        "location": "Online",
        "capacity": "3",
    }
    data.update(changes)
    return data


def test_the_lead_publishes_a_workshop_in_dutch_time(client_as, ot5):
    client = client_as(LEAD)
    page = client.get(reverse("workshop-slot-create"), {"team": 5})
    assert 'type="datetime-local"' in html_of(page)
    assert page.context["form"]["team"].value() == ot5.pk
    data = _slot_post(team=ot5.pk, start="14-03-2030 10:00", end="2030-03-14T12:00")
    response = client.post(reverse("workshop-slot-create"), data)
    slot = WorkshopSlot.objects.get(title="Asset management")
    assert response.url == reverse("workshop-slot-detail", args=[slot.pk])
    assert timezone.localtime(slot.start).strftime("%H:%M") == "10:00"
    assert slot.start.utcoffset() is not None
    assert slot.start == datetime.datetime(2030, 3, 14, 9, 0, tzinfo=datetime.UTC)


def test_a_lead_cannot_publish_for_another_team(client_as, ot5):
    response = client_as(OTHER_LEAD).post(reverse("workshop-slot-create"), _slot_post(team=ot5.pk))
    assert response.status_code == 200  # the team is not one of the choices
    assert response.context["form"].errors["team"]
    assert not WorkshopSlot.objects.filter(title="Asset management").exists()


def test_publishing_in_the_past_or_backwards_is_refused_in_dutch(client_as, ot5):
    client = client_as(LEAD)
    past = client.post(
        reverse("workshop-slot-create"),
        _slot_post(team=ot5.pk, start="2020-01-01T10:00", end="2020-01-01T12:00"),
    )
    assert dutch("The start must lie in the future.") in html_of(past)
    backwards = client.post(
        reverse("workshop-slot-create"),
        _slot_post(team=ot5.pk, start="2030-01-01T12:00", end="2030-01-01T10:00"),
    )
    assert dutch("The end must lie after the start.") in html_of(backwards)
    assert not WorkshopSlot.objects.filter(title="Asset management").exists()


def test_a_case_owner_cannot_publish(client_as):
    response = client_as(OWNER).get(reverse("workshop-slot-create"))
    assert response.status_code == 403
    assert escape(dutch("Only team leads and core team members can publish workshops.")) in html_of(
        response
    )


def test_the_lead_changes_the_capacity_not_below_the_confirmed(
    client_as, slot, dordrecht, zoetermeer
):
    BookingFactory(slot=slot, case=dordrecht, confirmed=True)
    BookingFactory(slot=slot, case=zoetermeer, confirmed=True)
    client = client_as(LEAD)
    start = timezone.localtime(slot.start)
    end = timezone.localtime(slot.end)
    data = _slot_post(
        title=slot.title,
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=end.strftime("%Y-%m-%dT%H:%M"),
        capacity="1",
    )
    response = client.post(reverse("workshop-slot-edit", args=[slot.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"]
    slot.refresh_from_db()
    assert slot.capacity == 2
    data["capacity"] = "4"
    assert client.post(reverse("workshop-slot-edit", args=[slot.pk]), data).status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 4


def test_cancelling_a_slot_asks_the_reason_and_cancels_its_bookings(client_as, slot, dordrecht):
    booking = BookingFactory(slot=slot, case=dordrecht, confirmed=True)
    client = client_as(LEAD)
    url = reverse("workshop-slot-cancel", args=[slot.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    slot.refresh_from_db()
    assert slot.state == SlotState.PUBLISHED
    assert client.post(url, {"reason": "Zaal niet beschikbaar"}).status_code == 302
    slot.refresh_from_db()
    booking.refresh_from_db()
    assert slot.state == SlotState.CANCELLED
    assert booking.state == BookingState.CANCELLED
    page = html_of(client_as(OWNER).get(reverse("workshop-slot-detail", args=[slot.pk])))
    assert "Zaal niet beschikbaar" in page


# -- requests for help -------------------------------------------------------------------------


def test_the_owner_asks_help_and_the_lead_answers_with_a_workshop(client_as, ot5, dordrecht):
    client = client_as(OWNER)
    page = client.get(reverse("help-request-create"), {"team": 5})
    assert page.context["form"]["team"].value() == ot5.pk
    response = client.post(
        reverse("help-request-create"),
        {
            "team": ot5.pk,
            "case": dordrecht.pk,
            "question": "Hulp bij datagedreven assetmanagement",
            "when": "Q1 2022",
        },
    )
    help_request = HelpRequest.objects.get(case=dordrecht)
    assert response.url == reverse("help-request-detail", args=[help_request.pk])

    lead = client_as(LEAD)
    team_page = html_of(lead.get(reverse("team-detail", kwargs={"number": 5})))
    assert reverse("help-request-detail", args=[help_request.pk]) in team_page
    answer_page = lead.get(reverse("help-request-answer", args=[help_request.pk]))
    assert answer_page.context["form"]["title"].value() == "Hulp bij datagedreven assetmanagement"
    response = lead.post(
        reverse("help-request-answer", args=[help_request.pk]),
        _slot_post(title="Assetmanagement voor Dordrecht", answer="Graag!"),
    )
    help_request.refresh_from_db()
    assert help_request.state == HelpRequestState.ANSWERED
    assert response.url == reverse("workshop-slot-detail", args=[help_request.slot_id])
    detail = html_of(client.get(reverse("help-request-detail", args=[help_request.pk])))
    assert "Assetmanagement voor Dordrecht" in detail and "Graag!" in detail


def test_another_lead_cannot_answer_and_the_owner_can_close(client_as, ot5, dordrecht, user_named):
    help_request = help_request_create(
        by=user_named(OWNER), team=ot5, case=dordrecht, question="Hulp", when=""
    )
    response = client_as(OTHER_LEAD).get(reverse("help-request-answer", args=[help_request.pk]))
    assert response.status_code == 403
    client = client_as(OWNER)
    html = html_of(client.get(reverse("help-request-detail", args=[help_request.pk])))
    assert reverse("help-request-answer", args=[help_request.pk]) not in html
    client.post(
        reverse("help-request-close", args=[help_request.pk]), {"answer": "Niet meer nodig"}
    )
    help_request.refresh_from_db()
    assert help_request.state == HelpRequestState.CLOSED
    again = client.post(reverse("help-request-close", args=[help_request.pk]), {"answer": ""})
    assert again.status_code == 400
    message = dutch("This request for help is no longer open (%(state)s).")
    assert escape(message % {"state": dutch("Closed").lower()}) in html_of(again)


def test_asking_help_for_another_case_is_refused(client_as, ot5, zoetermeer):
    response = client_as(OWNER).post(
        reverse("help-request-create"),
        {"team": ot5.pk, "case": zoetermeer.pk, "question": "Hulp"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["case"]
    assert not HelpRequest.objects.exists()


# -- the team page and the case page -----------------------------------------------------------


def test_the_team_page_shows_upcoming_slots_for_every_reader(client_as, slot):
    response = client_as(roles.DIRECTOR).get(reverse("team-detail", kwargs={"number": 5}))
    table = table_with_caption(response, dutch("Upcoming workshops of %(code)s") % {"code": "OT5"})
    assert table["rows"][1][1].startswith("Datagedreven beheer")
    assert "nog 2 plaatsen" in table["rows"][1][2]
    html = html_of(response)
    assert dutch("Requests waiting for an answer") not in html
    assert reverse("workshop-slot-create") not in html


def test_the_team_page_shows_the_lead_the_requests_and_the_publish_link(client_as, slot, dordrecht):
    BookingFactory(slot=slot, case=dordrecht)
    html = html_of(client_as(LEAD).get(reverse("team-detail", kwargs={"number": 5})))
    assert dutch("Requests waiting for an answer") in html
    assert f"{reverse('workshop-slot-create')}?team=5" in html
    other = html_of(client_as(OTHER_LEAD).get(reverse("team-detail", kwargs={"number": 5})))
    assert dutch("Requests waiting for an answer") not in other


def test_the_case_page_shows_bookings_to_those_who_may_see_them(
    client_as, slot, dordrecht, ot5, user_named
):
    BookingFactory(slot=slot, case=dordrecht, confirmed=True)
    help_create = help_request_create(
        by=user_named(OWNER), team=ot5, case=dordrecht, question="Hulp bij participatie"
    )
    url = reverse("case-detail", kwargs={"slug": dordrecht.slug})
    owner_html = html_of(client_as(OWNER).get(url))
    assert "Datagedreven beheer" in owner_html
    assert reverse("help-request-detail", args=[help_create.pk]) in owner_html
    other_html = html_of(client_as(OTHER_OWNER).get(url))
    assert dutch("No workshop bookings that you can see.") in other_html


# -- flat cost -------------------------------------------------------------------------------


def _grow(ot5, dordrecht, n: int):
    """``n`` more upcoming slots of OT5, each with a booking of a new case."""
    for i in range(n):
        extra = WorkshopSlotFactory(team=ot5, title=f"Extra {i}", days=10 + i)
        BookingFactory(slot=extra)


@pytest.mark.parametrize(
    ("name", "username"),
    [
        ("agenda", OWNER),
        ("agenda", roles.DIRECTOR),
        ("team-detail", LEAD),
        ("case-detail", OWNER),
    ],
)
def test_the_pages_cost_the_same_with_more_workshops(
    client_as, slot, dordrecht, ot5, name, username, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kwargs = {"team-detail": {"number": 5}, "case-detail": {"slug": dordrecht.slug}}.get(name, {})
    url = reverse(name, kwargs=kwargs)
    client = client_as(username)
    BookingFactory(slot=slot, case=dordrecht)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    _grow(ot5, dordrecht, 4)
    with django_assert_num_queries(len(first)):
        client.get(url)
