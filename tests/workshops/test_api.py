"""The workshops through the API: who reads and writes what (every role), the 409s of a
full slot, an overlap, a state and a deadline, 400s naming the field, times with their
offset, the filters, a retried create and the cases of ``?mine=true``.

"This" team is OT5 (trekker5 leads it), "this" case the Componistenbuurt (casus-dordrecht
owns it); the other team is OT1, the other case Zoetermeer's.
"""

import datetime

import pytest
from django.apps import apps
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from teams.models import Goal, Programme, Team
from tests import factories, roles
from workshops.constants import BookingState, SlotState
from workshops.models import Booking, BookingTransition, WorkshopSlot
from workshops.permissions import can_view_agenda, can_view_booking

pytestmark = pytest.mark.django_db

SLOTS = "/api/v1/workshop-slots/"
BOOKINGS = "/api/v1/bookings/"

ROLES = {
    "no_role": roles.NO_ROLE,
    "director": roles.DIRECTOR,
    "case_owner_this": roles.case_owner(roles.DORDRECHT),
    "case_owner_other": roles.case_owner(roles.ZOETERMEER),
    "team_lead_this": roles.team_lead(5),
    "team_lead_other": roles.team_lead(1),
    "core_team": roles.CORE_TEAM,
    "functional_admin": roles.FUNCTIONAL_ADMIN,
}
EVERY_ROLE = sorted(ROLES)
WITH_A_ROLE = set(ROLES) - {"no_role"}
PUBLISHERS = {"team_lead_this", "core_team"}


def _team(number: int = 5) -> Team:
    return Team.objects.get(programme__slug="cdor", number=number)


def _case(slug: str = roles.DORDRECHT) -> Case:
    return Case.objects.get(programme__slug="cdor", slug=slug)


def _slot(days: int = 7, **kwargs) -> WorkshopSlot:
    return factories.WorkshopSlotFactory(team=kwargs.pop("team", _team()), days=days, **kwargs)


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _future_day(days: int = 14) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _new_slot_body(**changes) -> dict:
    day = _future_day()
    return {
        "team": _team().pk,
        "title": "Datagedreven assetmanagement",
        "topic": "data",
        "start": _local(day, 10).isoformat(),
        "end": _local(day, 12).isoformat(),
        "location": "Online",
        "capacity": 2,
        **changes,
    }


@pytest.fixture
def as_role(api, db):
    """``as_role("team_lead_this")``: an API client of the role; ``None``: anonymous."""

    def make(role: str | None):
        if role == "no_role":
            factories.UserFactory(username=roles.NO_ROLE)
        return api(ROLES[role] if role else None)

    return make


def snapshot(obj=None) -> dict:
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"workshops", "cases", "teams"}
    }
    if obj is not None:
        obj.refresh_from_db()
    return {"counts": counts, "obj": model_to_dict(obj) if obj is not None else None}


# -- access per role ---------------------------------------------------------------------


def test_anonymous_requests_get_401(api):
    slot = _slot()
    booking = factories.BookingFactory(slot=slot, case=_case())
    anonymous = api(None)
    for method, url in [
        ("get", SLOTS),
        ("get", f"{SLOTS}{slot.pk}/"),
        ("post", SLOTS),
        ("patch", f"{SLOTS}{slot.pk}/"),
        ("post", f"{SLOTS}{slot.pk}/cancel/"),
        ("get", BOOKINGS),
        ("get", f"{BOOKINGS}{booking.pk}/"),
        ("post", BOOKINGS),
        *[
            ("post", f"{BOOKINGS}{booking.pk}/{step}/")
            for step in ("confirm", "decline", "cancel", "held", "not-held")
        ],
    ]:
        response = anonymous.send(method, url, {})
        assert response.status_code == 401, url
        assert "detail" in response.json()


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_role_reads_the_slots_and_only_publishers_write_them(as_role, role):
    slot = _slot()
    client = as_role(role)
    listing = client.get(SLOTS)
    detail = client.get(f"{SLOTS}{slot.pk}/")
    if role == "no_role":
        assert listing.status_code == detail.status_code == 403
        reason = can_view_agenda(User.objects.get(username=roles.NO_ROLE)).reason
        assert listing.json()["detail"] == str(reason)
    else:
        assert listing.status_code == 200
        assert [row["id"] for row in listing.json()["results"]] == [slot.pk]
        assert detail.json()["places_left"] == 3

    before = snapshot(slot)
    created = client.post(SLOTS, _new_slot_body())
    changed = client.patch(f"{SLOTS}{slot.pk}/", {"title": "Nieuwe titel"})
    cancelled = client.post(f"{SLOTS}{slot.pk}/cancel/", {"reason": "Ziek"})
    if role in PUBLISHERS:
        assert created.status_code == 201, created.json()
        assert created.json()["team"] == _team().pk
        assert changed.status_code == 200 and changed.json()["title"] == "Nieuwe titel"
        assert cancelled.status_code == 200
        assert cancelled.json()["state"] == SlotState.CANCELLED
        assert cancelled.json()["cancel_reason"] == "Ziek"
        return
    for response in (created, changed, cancelled):
        assert response.status_code == 403, (role, response.json())
        assert response.json()["detail"]
    assert snapshot(slot) == before


def test_a_team_lead_publishes_for_the_own_team_only(api):
    response = api(roles.team_lead(1)).post(SLOTS, _new_slot_body())
    assert response.status_code == 403
    assert "OT5" in response.json()["detail"]
    assert not WorkshopSlot.objects.exists()
    mine = api(roles.team_lead(1)).post(SLOTS, _new_slot_body(team=_team(1).pk))
    assert mine.status_code == 201


# Who sees a booking of "this" case in "this" team's slot (requested by its owner), and who
# takes each step.
BOOKING_READERS = {"director", "case_owner_this", "team_lead_this", "core_team"}
STEP_ROLES = {
    "confirm": {"team_lead_this", "core_team"},
    "decline": {"team_lead_this", "core_team"},
    "cancel": {"case_owner_this", "team_lead_this", "core_team"},
    "held": {"team_lead_this", "core_team"},
    "not-held": {"team_lead_this", "core_team"},
}
STEP_BODIES = {
    "confirm": {"note": "Tot dan"},
    "decline": {"note": "Vol"},
    "cancel": {"reason": "Verhinderd"},
    "held": {"report": "Goed gesprek"},
    "not-held": {"report": ""},
}
STEP_TO = {
    "confirm": BookingState.CONFIRMED,
    "decline": BookingState.DECLINED,
    "cancel": BookingState.CANCELLED,
    "held": BookingState.HELD,
    "not-held": BookingState.NOT_HELD,
}


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_bookings_are_read_by_whom_the_rule_names(as_role, role):
    booking = factories.BookingFactory(slot=_slot(), case=_case())
    other = factories.BookingFactory(slot=_slot(team=_team(1)), case=_case(roles.ZOETERMEER))
    client = as_role(role)
    listing = client.get(BOOKINGS)
    detail = client.get(f"{BOOKINGS}{booking.pk}/")
    if role == "no_role":
        assert listing.status_code == detail.status_code == 403
        return
    assert listing.status_code == 200
    seen = {row["id"] for row in listing.json()["results"]}
    assert (booking.pk in seen) == (role in BOOKING_READERS)
    assert (other.pk in seen) == (
        role in {"director", "core_team", "case_owner_other", "team_lead_other"}
    )
    if role in BOOKING_READERS:
        assert detail.status_code == 200
        assert detail.json()["case"] == _case().pk
    else:
        assert detail.status_code == 403
        reason = can_view_booking(User.objects.get(username=ROLES[role]), booking).reason
        assert detail.json()["detail"] == str(reason)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_only_the_cases_owner_and_the_core_team_ask_a_place(as_role, role):
    slot = _slot()
    before = snapshot(slot)
    response = as_role(role).post(
        BOOKINGS, {"slot": slot.pk, "case": _case().pk, "questions": "Hoe begin ik?"}
    )
    if role in {"case_owner_this", "core_team"}:
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["state"] == BookingState.REQUESTED
        assert body["requested_by"] == ROLES[role]
        assert body["questions"] == "Hoe begin ik?"
        assert [(s["from_state"], s["to_state"]) for s in body["trail"]] == [
            ("", BookingState.REQUESTED)
        ]
        return
    assert response.status_code == 403
    assert response.json()["detail"]
    assert snapshot(slot) == before


STEP_CASES = [(step, role) for step in STEP_ROLES for role in EVERY_ROLE]


@pytest.mark.parametrize(("step", "role"), STEP_CASES, ids=[f"{s}-{r}" for s, r in STEP_CASES])
def test_each_step_for_whom_its_rule_names(as_role, step, role):
    if step in ("held", "not-held"):
        slot = _slot(days=-1)  # the workshop has taken place
        booking = factories.BookingFactory(slot=_slot(), case=_case(), confirmed=True)
        Booking.objects.filter(pk=booking.pk).update(slot=slot)
    else:
        booking = factories.BookingFactory(slot=_slot(), case=_case())
    before = snapshot(booking)
    response = as_role(role).post(f"{BOOKINGS}{booking.pk}/{step}/", STEP_BODIES[step])
    if role in STEP_ROLES[step]:
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["state"] == STEP_TO[step]
        last = body["trail"][-1]
        assert (last["to_state"], last["by"]) == (STEP_TO[step], ROLES[role])
        note = next(iter(STEP_BODIES[step].values()))
        assert last["note"] == note
        if step in ("confirm", "decline"):
            assert body["decided_by"] == ROLES[role]
            assert body["decided_at"]
        if step == "held":
            assert body["report"] == "Goed gesprek"
        return
    assert response.status_code == 403, response.json()
    assert response.json()["detail"]
    assert snapshot(booking) == before


def test_the_actions_are_the_steps_the_user_can_take(api):
    booking = factories.BookingFactory(slot=_slot(), case=_case())
    assert api(roles.team_lead(5)).get(f"{BOOKINGS}{booking.pk}/").json()["actions"] == [
        "confirm",
        "decline",
        "cancel",
    ]
    assert api(roles.case_owner(roles.DORDRECHT)).get(f"{BOOKINGS}{booking.pk}/").json()[
        "actions"
    ] == ["cancel"]
    assert api(roles.DIRECTOR).get(f"{BOOKINGS}{booking.pk}/").json()["actions"] == []


# -- 409: the step cannot be taken -------------------------------------------------------


def _conflict(response, code: str) -> dict:
    assert response.status_code == 409, response.json()
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    return body


def test_a_full_slot_is_409_slot_full_and_the_waiting_list_is_asked_for(api):
    slot = _slot(capacity=1)
    factories.BookingFactory(
        slot=slot, case=factories.CaseFactory(programme=slot.team.programme), confirmed=True
    )
    owner = api(roles.case_owner(roles.DORDRECHT))
    body = {"slot": slot.pk, "case": _case().pk, "questions": "Mogen we erbij?"}
    _conflict(owner.post(BOOKINGS, body), "slot_full")
    assert not Booking.objects.filter(case=_case()).exists()

    waiting = owner.post(BOOKINGS, {**body, "waiting_list": True})
    assert waiting.status_code == 201
    assert waiting.json()["state"] == BookingState.WAITING
    # The team cannot confirm it while the place is taken.
    lead = api(roles.team_lead(5))
    _conflict(lead.post(f"{BOOKINGS}{waiting.json()['id']}/confirm/", {}), "slot_full")
    assert Booking.objects.get(pk=waiting.json()["id"]).state == BookingState.WAITING


def test_confirming_beyond_the_capacity_is_409_slot_full(api):
    slot = _slot(capacity=1)
    first = factories.BookingFactory(slot=slot, case=_case())
    second = factories.BookingFactory(slot=slot, case=_case(roles.ZOETERMEER))
    lead = api(roles.team_lead(5))
    assert lead.post(f"{BOOKINGS}{first.pk}/confirm/", {}).status_code == 200
    # The other request moved to the waiting list when the last place went.
    assert lead.get(f"{BOOKINGS}{second.pk}/").json()["state"] == BookingState.WAITING
    _conflict(lead.post(f"{BOOKINGS}{second.pk}/confirm/", {}), "slot_full")
    assert lead.get(f"{SLOTS}{slot.pk}/").json()["places_left"] == 0


def test_a_case_in_two_workshops_at_once_is_409_overlap(api):
    day = _future_day(10)
    early = _slot(start=_local(day, 10), end=_local(day, 12))
    late = _slot(team=_team(1), start=_local(day, 11), end=_local(day, 13))
    factories.BookingFactory(slot=early, case=_case(), confirmed=True)
    owner = api(roles.case_owner(roles.DORDRECHT))
    body = _conflict(owner.post(BOOKINGS, {"slot": late.pk, "case": _case().pk}), "overlap")
    assert early.title in body["detail"]
    # A request made before the first confirmation cannot be confirmed either.
    other_day = _future_day(20)
    a = _slot(start=_local(other_day, 10), end=_local(other_day, 12))
    b = _slot(start=_local(other_day, 11), end=_local(other_day, 12))
    first = factories.BookingFactory(slot=a, case=_case())
    second = factories.BookingFactory(slot=b, case=_case())
    lead = api(roles.team_lead(5))
    assert lead.post(f"{BOOKINGS}{first.pk}/confirm/", {}).status_code == 200
    _conflict(lead.post(f"{BOOKINGS}{second.pk}/confirm/", {}), "overlap")
    assert Booking.objects.get(pk=second.pk).state == BookingState.REQUESTED


def test_a_step_the_state_does_not_allow_is_409_state(api):
    booking = factories.BookingFactory(slot=_slot(), case=_case(), confirmed=True)
    lead = api(roles.team_lead(5))
    trail = BookingTransition.objects.filter(booking=booking).count()
    body = _conflict(lead.post(f"{BOOKINGS}{booking.pk}/confirm/", {}), "state")
    assert body["state"] == BookingState.CONFIRMED
    _conflict(lead.post(f"{BOOKINGS}{booking.pk}/decline/", {"note": "Toch niet"}), "state")
    # Held only once the workshop has begun.
    _conflict(lead.post(f"{BOOKINGS}{booking.pk}/held/", {"report": "Te vroeg"}), "state")
    assert BookingTransition.objects.filter(booking=booking).count() == trail
    # Asking twice for the same slot, and asking in a cancelled one.
    owner = api(roles.case_owner(roles.DORDRECHT))
    again = {"slot": booking.slot_id, "case": _case().pk}
    assert _conflict(owner.post(BOOKINGS, again), "state")["state"] == BookingState.CONFIRMED
    cancelled = _slot()
    assert lead.post(f"{SLOTS}{cancelled.pk}/cancel/", {"reason": "Ziek"}).status_code == 200
    _conflict(owner.post(BOOKINGS, {"slot": cancelled.pk, "case": _case().pk}), "state")
    _conflict(lead.post(f"{SLOTS}{cancelled.pk}/cancel/", {"reason": "Weer"}), "state")
    _conflict(lead.patch(f"{SLOTS}{cancelled.pk}/", {"title": "Terug"}), "state")


def test_after_the_deadline_a_request_is_409_deadline(api):
    slot = _slot(request_deadline=timezone.localdate() - datetime.timedelta(days=1))
    owner = api(roles.case_owner(roles.DORDRECHT))
    body = _conflict(owner.post(BOOKINGS, {"slot": slot.pk, "case": _case().pk}), "deadline")
    assert slot.request_deadline.strftime("%d-%m-%Y") in body["detail"]
    past = _slot(days=-1)
    _conflict(owner.post(BOOKINGS, {"slot": past.pk, "case": _case().pk}), "deadline")
    assert not Booking.objects.exists()


def test_a_cancelled_slot_cancels_its_bookings_with_the_reason(api):
    slot = _slot()
    booking = factories.BookingFactory(slot=slot, case=_case(), confirmed=True)
    response = api(roles.CORE_TEAM).post(f"{SLOTS}{slot.pk}/cancel/", {"reason": "Ziekte"})
    assert response.status_code == 200
    detail = api(roles.case_owner(roles.DORDRECHT)).get(f"{BOOKINGS}{booking.pk}/").json()
    assert detail["state"] == BookingState.CANCELLED
    assert "Ziekte" in detail["trail"][-1]["note"]


def test_a_cancelled_place_moves_the_waiting_list_up(api):
    slot = _slot(capacity=1)
    first = factories.BookingFactory(slot=slot, case=_case(), confirmed=True)
    owner_other = api(roles.case_owner(roles.ZOETERMEER))
    waiting = owner_other.post(
        BOOKINGS, {"slot": slot.pk, "case": _case(roles.ZOETERMEER).pk, "waiting_list": True}
    ).json()
    assert waiting["state"] == BookingState.WAITING
    owner = api(roles.case_owner(roles.DORDRECHT))
    assert owner.post(f"{BOOKINGS}{first.pk}/cancel/", {"reason": "Verhinderd"}).status_code == 200
    assert owner_other.get(f"{BOOKINGS}{waiting['id']}/").json()["state"] == BookingState.REQUESTED


# -- 400: input that does not do ---------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": "veel"}, "capacity"),
        ({"end": "START"}, "end"),  # the end at the start
        ({"end": "BEFORE"}, "end"),
        ({"start": "2022-13-45T10:00"}, "start"),
        ({"start": "morgen om tien"}, "start"),
        ({"end": ""}, "end"),
        ({"start": "PAST", "end": "PAST_END"}, "start"),
        ({"team": 999999}, "team"),
        ({"team": "OT5"}, "team"),
        ({"goal": "OTHER_GOAL"}, "goal"),
        ({"title": ""}, "title"),
        ({"title": "Twee\nregels"}, "title"),
        ({"request_deadline": "AFTER"}, "request_deadline"),
    ],
)
def test_a_bad_slot_is_400_naming_the_field(api, changes, field):
    body = _new_slot_body()
    start = datetime.datetime.fromisoformat(body["start"])
    placeholders = {
        "START": body["start"],
        "BEFORE": (start - datetime.timedelta(hours=1)).isoformat(),
        "PAST": (timezone.now() - datetime.timedelta(days=1)).isoformat(),
        "PAST_END": (timezone.now() - datetime.timedelta(days=1, hours=-2)).isoformat(),
        "OTHER_GOAL": lambda: Goal.objects.filter(team__number=1).first().pk,
        "AFTER": (start.date() + datetime.timedelta(days=1)).isoformat(),
    }
    for name, value in changes.items():
        value = placeholders.get(value, value) if isinstance(value, str) else value
        body[name] = value() if callable(value) else value
    response = api(roles.CORE_TEAM).post(SLOTS, body)
    assert response.status_code == 400, response.json()
    assert field in response.json(), response.json()
    assert not WorkshopSlot.objects.exists()


def test_a_team_of_another_programme_is_unknown(api):
    other = factories.TeamFactory(programme=factories.ProgrammeFactory())
    response = api(roles.CORE_TEAM).post(SLOTS, _new_slot_body(team=other.pk))
    assert response.status_code == 400
    assert "team" in response.json()


def test_a_bad_change_is_400_and_changes_nothing(api):
    slot = _slot(capacity=2)
    factories.BookingFactory(slot=slot, case=_case(), confirmed=True)
    factories.BookingFactory(slot=slot, case=_case(roles.ZOETERMEER), confirmed=True)
    lead = api(roles.team_lead(5))
    before = snapshot(slot)
    url = f"{SLOTS}{slot.pk}/"
    for body, field in [
        ({"capacity": 1}, "capacity"),  # below the confirmed bookings
        ({"capacity": 0}, "capacity"),
        ({"end": (slot.start - datetime.timedelta(minutes=5)).isoformat()}, "end"),
        ({"team": _team(1).pk}, "team"),
        ({"goal": Goal.objects.filter(team__number=1).first().pk}, "goal"),
    ]:
        response = lead.patch(url, body)
        assert response.status_code == 400, (body, response.json())
        assert field in response.json(), response.json()
    assert snapshot(slot) == before
    assert lead.send("put", url, _new_slot_body()).status_code == 405


def test_a_bad_booking_is_400_naming_the_field(api):
    slot = _slot()
    core = api(roles.CORE_TEAM)
    elsewhere = factories.CaseFactory(programme=factories.ProgrammeFactory())
    for body, field in [
        ({"slot": slot.pk, "case": elsewhere.pk}, "case"),  # another programme's case
        ({"slot": 999999, "case": _case().pk}, "slot"),
        ({"case": _case().pk}, "slot"),
        ({"slot": slot.pk}, "case"),
        ({"slot": slot.pk, "case": _case().pk, "waiting_list": "misschien"}, "waiting_list"),
    ]:
        response = core.post(BOOKINGS, body)
        assert response.status_code == 400, (body, response.json())
        assert field in response.json()
    assert not Booking.objects.exists()


def test_a_decline_needs_a_note_and_a_cancel_a_reason(api):
    booking = factories.BookingFactory(slot=_slot(), case=_case())
    lead = api(roles.team_lead(5))
    declined = lead.post(f"{BOOKINGS}{booking.pk}/decline/", {"note": "  "})
    assert declined.status_code == 400 and "note" in declined.json()
    cancelled = lead.post(f"{BOOKINGS}{booking.pk}/cancel/", {})
    assert cancelled.status_code == 400 and "reason" in cancelled.json()
    slot_cancel = lead.post(f"{SLOTS}{booking.slot_id}/cancel/", {"reason": ""})
    assert slot_cancel.status_code == 400 and "reason" in slot_cancel.json()
    assert Booking.objects.get(pk=booking.pk).state == BookingState.REQUESTED
    assert WorkshopSlot.objects.get(pk=booking.slot_id).state == SlotState.PUBLISHED


# -- times -------------------------------------------------------------------------------


def test_times_have_their_offset_and_naive_input_is_amsterdam_time(api):
    year = timezone.localdate().year + 1
    core = api(roles.CORE_TEAM)
    for month, offset in ((1, "+01:00"), (7, "+02:00")):
        response = core.post(
            SLOTS,
            _new_slot_body(
                start=f"{year}-{month:02d}-15T10:00", end=f"{year}-{month:02d}-15T12:30"
            ),
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["start"] == f"{year}-{month:02d}-15T10:00:00{offset}"
        assert body["end"] == f"{year}-{month:02d}-15T12:30:00{offset}"
        slot = WorkshopSlot.objects.get(pk=body["id"])
        assert timezone.localtime(slot.start).hour == 10
    # An offset given is kept: 09:00 UTC is 10:00 in Amsterdam in winter.
    response = core.post(
        SLOTS, _new_slot_body(start=f"{year}-02-01T09:00:00Z", end=f"{year}-02-01T11:00:00Z")
    )
    assert response.json()["start"] == f"{year}-02-01T10:00:00+01:00"


# -- filters, places, retries ------------------------------------------------------------


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_the_slot_filters(api):
    day = _future_day(5)
    ot5_data = _slot(start=_local(day, 10), end=_local(day, 12), topic="data", capacity=1)
    ot1_participation = _slot(
        team=_team(1),
        start=_local(day + datetime.timedelta(days=10), 10),
        end=_local(day + datetime.timedelta(days=10), 12),
        topic="Participatie",
    )
    cancelled = _slot(start=_local(day, 14), end=_local(day, 16))
    cancelled.state = SlotState.CANCELLED
    cancelled.save()
    factories.BookingFactory(slot=ot5_data, case=_case(), confirmed=True)
    client = api(roles.case_owner(roles.DORDRECHT))
    assert _ids(client.get(SLOTS)) == [ot5_data.pk, cancelled.pk, ot1_participation.pk]
    assert _ids(client.get(SLOTS, {"team": _team(1).pk})) == [ot1_participation.pk]
    assert _ids(client.get(SLOTS, {"topic": "participatie"})) == [ot1_participation.pk]
    after = (day + datetime.timedelta(days=1)).isoformat()
    assert _ids(client.get(SLOTS, {"start_after": after})) == [ot1_participation.pk]
    assert _ids(client.get(SLOTS, {"start_before": after})) == [ot5_data.pk, cancelled.pk]
    assert _ids(client.get(SLOTS, {"start_after": _local(day, 11).isoformat()})) == [
        cancelled.pk,
        ot1_participation.pk,
    ]
    assert _ids(client.get(SLOTS, {"has_places": "true"})) == [ot1_participation.pk]
    assert _ids(client.get(SLOTS, {"has_places": "false"})) == [ot5_data.pk, cancelled.pk]
    for bad in ({"start_after": "gisteren"}, {"team": "OT5"}, {"has_places": "soms"}):
        response = client.get(SLOTS, bad)
        assert response.status_code == 400, bad
        assert set(bad) <= set(response.json())


def test_places_left_follow_the_confirmations(api):
    slot = _slot(capacity=3)
    lead = api(roles.team_lead(5))
    bookings = [
        factories.BookingFactory(slot=slot, case=_case()),
        factories.BookingFactory(slot=slot, case=_case(roles.ZOETERMEER)),
    ]
    assert lead.get(f"{SLOTS}{slot.pk}/").json()["places_left"] == 3
    for number, booking in enumerate(bookings, start=1):
        assert lead.post(f"{BOOKINGS}{booking.pk}/confirm/", {}).status_code == 200
        body = lead.get(f"{SLOTS}{slot.pk}/").json()
        assert (body["places_left"], body["confirmed_count"]) == (3 - number, number)
    assert lead.patch(f"{SLOTS}{slot.pk}/", {"capacity": 2}).json()["places_left"] == 0
    assert _ids(lead.get(SLOTS, {"has_places": "true"})) == []


def test_the_booking_filters(api):
    ot5, ot1 = _slot(), _slot(days=8, team=_team(1))
    a = factories.BookingFactory(slot=ot5, case=_case(), confirmed=True)
    b = factories.BookingFactory(slot=ot1, case=_case())
    c = factories.BookingFactory(slot=ot5, case=_case(roles.ZOETERMEER))
    client = api(roles.DIRECTOR)
    assert _ids(client.get(BOOKINGS)) == [c.pk, b.pk, a.pk]
    assert _ids(client.get(BOOKINGS, {"slot": ot5.pk})) == [c.pk, a.pk]
    assert _ids(client.get(BOOKINGS, {"case": _case().pk})) == [b.pk, a.pk]
    assert _ids(client.get(BOOKINGS, {"team": _team(1).pk})) == [b.pk]
    assert _ids(client.get(BOOKINGS, {"state": BookingState.CONFIRMED})) == [a.pk]
    assert client.get(BOOKINGS, {"state": "gestolen"}).status_code == 400
    # A filter never shows more than the user may see.
    owner = api(roles.case_owner(roles.ZOETERMEER))
    assert _ids(owner.get(BOOKINGS, {"slot": ot5.pk})) == [c.pk]


def test_a_retried_request_with_the_same_key_books_once(api):
    slot = _slot()
    client = api(roles.case_owner(roles.DORDRECHT))
    headers = {**client.headers, "HTTP_IDEMPOTENCY_KEY": "boek-1"}
    body = {"slot": slot.pk, "case": _case().pk, "questions": "Een keer"}
    responses = [
        client.client.post(BOOKINGS, body, content_type="application/json", **headers)
        for _ in range(2)
    ]
    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].json() == responses[1].json()
    assert responses[1]["Idempotent-Replayed"] == "true"
    assert Booking.objects.filter(slot=slot).count() == 1
    # Without the key, the second is a conflict: the case has its request already.
    _conflict(client.post(BOOKINGS, body), "state")


# -- the cases of the user ---------------------------------------------------------------


def test_mine_lists_the_cases_the_user_owns(api):
    owner = api(roles.case_owner(roles.DORDRECHT))
    mine = owner.get("/api/v1/cases/", {"mine": "true"}).json()
    assert [row["slug"] for row in mine["results"]] == [roles.DORDRECHT]
    every = owner.get("/api/v1/cases/").json()["count"]
    assert every == Case.objects.filter(programme=Programme.objects.get(slug="cdor")).count() > 1
    assert owner.get("/api/v1/cases/", {"mine": "false"}).json()["count"] == every
    assert api(roles.team_lead(5)).get("/api/v1/cases/", {"mine": "true"}).json()["count"] == 0
    assert owner.get("/api/v1/cases/", {"mine": "ja"}).status_code == 400
