"""The calendar feeds: what a calendar app reads at the private address, parsed back with
icalendar; the address itself (renewal, other people's calendars, no session); and the
page that shows the addresses."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import DatePrecision
from teams.selectors import programme_current
from tests.factories import BookingFactory, EventFactory, UserFactory, WorkshopSlotFactory
from workshops import services
from workshops.constants import SlotState
from workshops.models import CalendarFeed

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def token_of(user) -> str:
    return services.calendar_feed_get(user=user).token


def user_feed_url(user) -> str:
    return reverse("calendar-feed-user", kwargs={"token": token_of(user)})


def fetch(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> dict[str, object]:
    return {str(item["UID"]): item for item in calendar.walk("VEVENT")}


def uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@localhost"


def utc(moment) -> datetime.datetime:
    return moment.astimezone(UTC)


# -- what the feeds hold ----------------------------------------------------------------


def test_the_owners_feed_has_the_confirmed_booking_with_its_time_place_and_link(world, client):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    requested_only = BookingFactory(
        slot=WorkshopSlotFactory(team=world.team, days=9), case=world.case
    )

    calendar = fetch(client, user_feed_url(world.owner))

    items = vevents(calendar)
    item = items[uid("booking", booking.pk)]
    assert uid("booking", requested_only.pk) not in items  # not confirmed: not in the diary
    assert str(item["STATUS"]) == "CONFIRMED"
    assert world.slot.title in str(item["SUMMARY"])
    assert str(item["LOCATION"]) == "Stadskantoor, zaal 3"
    assert item.decoded("DTSTART") == world.slot.start
    assert item.decoded("DTEND") == world.slot.end
    assert str(item["URL"]).endswith(reverse("booking-detail", kwargs={"pk": booking.pk}))
    description = str(item["DESCRIPTION"])
    assert str(world.team) in description and world.case.title in description
    assert str(item["URL"]) in description
    assert "DTSTAMP" in item
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Amsterdam"


def test_the_owners_feed_has_the_programmes_events_and_no_other_cases_bookings(world, client):
    other = BookingFactory(slot=world.slot, case=world.other_case, confirmed=True)
    event = EventFactory(programme=programme_current(), title="Atelier Openbare Ruimte")

    items = vevents(fetch(client, user_feed_url(world.owner)))

    assert uid("booking", other.pk) not in items
    item = items[uid("event", event.pk)]
    assert str(item["SUMMARY"]) == "Atelier Openbare Ruimte"
    assert item.decoded("DTSTART") == event.date  # all day
    assert item.decoded("DTEND") == event.date + datetime.timedelta(days=1)


def test_an_event_of_which_only_the_month_is_known_spans_the_month_and_keeps_it_free(world, client):
    event = EventFactory(
        programme=programme_current(),
        title="Directeurenoverleg",
        date=datetime.date(2022, 2, 1),
        date_precision=DatePrecision.MONTH,
    )

    item = vevents(fetch(client, user_feed_url(world.owner)))[uid("event", event.pk)]

    assert item.decoded("DTSTART") == datetime.date(2022, 2, 1)
    assert item.decoded("DTEND") == datetime.date(2022, 3, 1)
    assert str(item["TRANSP"]) == "TRANSPARENT"
    assert "februari 2022" in str(item["SUMMARY"])


def test_the_leads_feed_has_the_teams_slots_with_the_confirmed_cases_counted(world, client):
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    BookingFactory(slot=world.slot, case=world.other_case)  # requested: not counted
    other_teams = WorkshopSlotFactory(team=world.other_team)

    items = vevents(fetch(client, user_feed_url(world.lead)))

    item = items[uid("slot", world.slot.pk)]
    assert uid("slot", other_teams.pk) not in items
    assert "1 van 2" in str(item["DESCRIPTION"])
    assert str(item["URL"]).endswith(reverse("workshop-slot-detail", kwargs={"pk": world.slot.pk}))


def test_the_uid_stays_and_the_sequence_grows_when_the_slot_is_edited(world, client):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    team_url = reverse(
        "calendar-feed-team", kwargs={"token": token_of(world.lead), "pk": world.team.pk}
    )
    case_url = reverse(
        "calendar-feed-case", kwargs={"token": token_of(world.owner), "pk": world.case.pk}
    )
    slot_before = vevents(fetch(client, team_url))[uid("slot", world.slot.pk)]
    booking_before = vevents(fetch(client, case_url))[uid("booking", booking.pk)]

    later = world.slot.start + datetime.timedelta(days=1, hours=3)
    services.slot_update(
        slot_id=world.slot.pk,
        by=world.lead,
        title="Datagedreven beheer, deel 2",
        start=later,
        end=later + datetime.timedelta(hours=2),
    )

    slot_after = vevents(fetch(client, team_url))[uid("slot", world.slot.pk)]
    booking_after = vevents(fetch(client, case_url))[uid("booking", booking.pk)]
    assert "Datagedreven beheer, deel 2" in str(slot_after["SUMMARY"])
    assert slot_after.decoded("DTSTART") == later
    assert booking_after.decoded("DTSTART") == later
    assert slot_after["SEQUENCE"] > slot_before["SEQUENCE"]
    assert booking_after["SEQUENCE"] > booking_before["SEQUENCE"]


def test_a_cancelled_booking_stays_in_the_feed_as_cancelled(world, client):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    url = user_feed_url(world.owner)
    before = vevents(fetch(client, url))[uid("booking", booking.pk)]

    services.booking_cancel(booking_id=booking.pk, by=world.owner, reason="Wethouder verhinderd")

    item = vevents(fetch(client, url))[uid("booking", booking.pk)]
    assert str(item["STATUS"]) == "CANCELLED"
    assert item["SEQUENCE"] > before["SEQUENCE"]


def test_a_cancelled_slot_stays_in_the_team_feed_as_cancelled_with_its_reason(world, client):
    booking = BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    services.slot_cancel(slot_id=world.slot.pk, by=world.lead, reason="Trekker ziek")
    assert world.slot.__class__.objects.get(pk=world.slot.pk).state == SlotState.CANCELLED

    slot_item = vevents(fetch(client, user_feed_url(world.lead)))[uid("slot", world.slot.pk)]
    booking_item = vevents(fetch(client, user_feed_url(world.owner)))[uid("booking", booking.pk)]

    assert str(slot_item["STATUS"]) == "CANCELLED"
    assert "Trekker ziek" in str(slot_item["DESCRIPTION"])
    assert str(booking_item["STATUS"]) == "CANCELLED"


def _last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


@pytest.mark.parametrize(
    ("month", "utc_hour_before", "utc_hour_after"),
    [(3, 9, 8), (10, 8, 9)],  # March: winter to summer time; October: back
)
def test_times_are_right_on_both_sides_of_the_daylight_saving_change(
    world, client, month, utc_hour_before, utc_hour_after
):
    change = _last_sunday(timezone.localdate().year + 1, month)
    saturday, monday = change - datetime.timedelta(days=1), change + datetime.timedelta(days=1)
    at_ten = {
        day: datetime.datetime.combine(day, datetime.time(10), tzinfo=AMSTERDAM)
        for day in (saturday, monday)
    }
    slots = {
        day: WorkshopSlotFactory(
            team=world.team, start=start, end=start + datetime.timedelta(hours=2)
        )
        for day, start in at_ten.items()
    }
    response = client.get(user_feed_url(world.lead))
    text = response.content.decode()

    items = vevents(Calendar.from_ical(response.content))
    before = items[uid("slot", slots[saturday].pk)].decoded("DTSTART")
    after = items[uid("slot", slots[monday].pk)].decoded("DTSTART")
    assert (utc(before).hour, utc(after).hour) == (utc_hour_before, utc_hour_after)
    assert (before.hour, after.hour) == (10, 10)
    # As a calendar app reads it: the local time with its zone, and the zone's rules.
    assert f"DTSTART;TZID=Europe/Amsterdam:{saturday:%Y%m%d}T100000" in text
    assert f"DTSTART;TZID=Europe/Amsterdam:{monday:%Y%m%d}T100000" in text
    zones = Calendar.from_ical(response.content).walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Amsterdam"]
    assert {part.name for part in zones[0].subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_a_feed_runs_the_same_queries_with_more_bookings_and_slots(world, client):
    BookingFactory(slot=world.slot, case=world.case, confirmed=True)
    urls = [
        user_feed_url(world.owner),
        user_feed_url(world.lead),
        reverse("calendar-feed-case", kwargs={"token": token_of(world.owner), "pk": world.case.pk}),
        reverse("calendar-feed-team", kwargs={"token": token_of(world.lead), "pk": world.team.pk}),
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    counts()  # the first request of an address opens its rate window
    few = counts()
    for days in range(11, 16):
        BookingFactory(
            slot=WorkshopSlotFactory(team=world.team, days=days), case=world.case, confirmed=True
        )
        EventFactory(programme=programme_current(), teams=[world.team], cases=[world.case])
    assert counts() == few


# -- the address ------------------------------------------------------------------------


def test_the_feed_needs_no_session_and_sends_no_cookie(world, client):
    response = client.get(user_feed_url(world.owner))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert not response.cookies
    assert response.content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "address",
    [
        lambda w: reverse("calendar-feed-user", kwargs={"token": "not-a-token"}),
        lambda w: reverse("calendar-feed-team", kwargs={"token": "x" * 43, "pk": w.team.pk}),
        lambda w: reverse("calendar-feed-case", kwargs={"token": "x" * 43, "pk": w.case.pk}),
    ],
)
def test_without_a_valid_token_nothing_is_revealed(world, client, address):
    response = client.get(address(world))

    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content
    # Not the login page either: a guessed address learns nothing, not even that it exists.
    assert client.get(reverse("calendar-feeds")).status_code == 302


def test_renewing_makes_the_old_address_404_and_the_new_one_work(world, client):
    old_url = user_feed_url(world.owner)
    old_case_url = reverse(
        "calendar-feed-case", kwargs={"token": token_of(world.owner), "pk": world.case.pk}
    )
    assert client.get(old_url).status_code == 200

    feed = services.calendar_feed_renew(user=world.owner)

    assert client.get(old_url).status_code == 404
    assert client.get(old_case_url).status_code == 404
    assert (
        client.get(reverse("calendar-feed-user", kwargs={"token": feed.token})).status_code == 200
    )


def test_another_cases_feed_through_my_token_is_404(world, client):
    mine = token_of(world.owner)

    def case_feed(token, case):
        return client.get(reverse("calendar-feed-case", kwargs={"token": token, "pk": case.pk}))

    assert case_feed(mine, world.case).status_code == 200
    assert case_feed(mine, world.other_case).status_code == 404
    assert case_feed(token_of(world.lead), world.case).status_code == 404  # a lead: no case
    assert case_feed(token_of(world.core), world.other_case).status_code == 200
    unknown = reverse("calendar-feed-team", kwargs={"token": mine, "pk": 999999})
    assert client.get(unknown).status_code == 404


def test_an_inactive_users_token_is_404(world, client):
    url = user_feed_url(world.owner)
    world.owner.is_active = False
    world.owner.save(update_fields=["is_active"])

    assert client.get(url).status_code == 404


def test_a_users_token_without_a_role_is_404(world, client):
    nobody = UserFactory()
    CalendarFeed.objects.create(user=nobody, token="no-role-token")

    response = client.get(reverse("calendar-feed-user", kwargs={"token": "no-role-token"}))

    assert response.status_code == 404


def test_an_address_asked_too_often_is_throttled(world, client, settings):
    settings.CALENDAR_FEED_REQUESTS_PER_HOUR = 2
    url = user_feed_url(world.owner)

    statuses = [client.get(url).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert int(client.get(url)["Retry-After"]) > 0
    assert client.get(user_feed_url(world.lead)).status_code == 200  # another address


def test_only_get_is_answered(world, client):
    assert client.post(user_feed_url(world.owner)).status_code == 405


# -- the page ---------------------------------------------------------------------------


def test_the_page_makes_the_address_and_shows_how_to_subscribe(world, client):
    client.force_login(world.owner)

    first = client.get(reverse("calendar-feeds"))
    assert first.status_code == 200
    assert "Outlook" in first.text and "Google" in first.text and "Apple" in first.text
    assert not CalendarFeed.objects.filter(user=world.owner).exists()  # a GET writes nothing

    made = client.post(reverse("calendar-feed-renew"), follow=True)

    feed = CalendarFeed.objects.get(user=world.owner)
    assert reverse("calendar-feed-user", kwargs={"token": feed.token}) in made.text
    case_url = reverse("calendar-feed-case", kwargs={"token": feed.token, "pk": world.case.pk})
    assert case_url in made.text
    assert str(world.other_case.pk) + ".ics" not in made.text


def test_a_new_address_replaces_the_old_one_and_says_so(world, client):
    old = token_of(world.owner)
    client.force_login(world.owner)

    response = client.post(reverse("calendar-feed-renew"), follow=True)

    new = CalendarFeed.objects.get(user=world.owner).token
    assert new != old
    assert old not in response.text and new in response.text
    assert "werkt niet meer" in response.text
    assert client.get(reverse("calendar-feed-user", kwargs={"token": old})).status_code == 404


def test_the_core_team_sees_the_addresses_of_every_team(world, client, user_named):
    core = user_named("kernteam1")
    token = token_of(core)
    client.force_login(core)

    response = client.get(reverse("calendar-feeds"))

    cdor_team = programme_current().teams.order_by("number").first()
    assert reverse("calendar-feed-team", kwargs={"token": token, "pk": cdor_team.pk}) in (
        response.text
    )


def test_the_page_needs_a_role_and_a_login(world, client):
    assert client.get(reverse("calendar-feeds")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("calendar-feeds")).status_code == 403
    assert client.post(reverse("calendar-feed-renew")).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_an_inactive_account_gets_no_calendar(world):
    world.owner.is_active = False
    with pytest.raises(PermissionDenied):
        services.calendar_feed_get(user=world.owner)
