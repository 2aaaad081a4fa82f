"""The iCalendar (.ics) feeds: bookings, workshop slots and programme events as VEVENTs.

A pure builder: it gets the rows (``workshops.selectors.feed_*``) and turns them into
the bytes of a calendar; the views fetch the rows and answer the request.

What every calendar app needs to follow a feed over time:

- a UID that never changes for the same thing (``booking-12@host``, ``slot-3@host``,
  ``event-7@host``), so an edit updates the item instead of adding a second one;
- a SEQUENCE that grows with every change (the number of history records, or steps);
- a time with its zone: DTSTART/DTEND carry ``TZID=Europe/Amsterdam`` and the calendar
  holds that VTIMEZONE, so the times stay right on both sides of a daylight-saving change;
- what was cancelled stays in the feed with ``STATUS:CANCELLED``: a calendar app removes
  or strikes through its copy, where a missing item would linger.

Programme events have a date and no time: they are all-day items. An event of which the
plan names only the month ("oktober 2021") is an all-day item over the whole month, marked
free (TRANSP:TRANSPARENT) and saying so in its title and description: leaving it out
would hide it, and putting it on the 1st would invent a date.
"""

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from citydeal.months import next_month
from events.models import DatePrecision, Event
from workshops.constants import BookingState, SlotState
from workshops.models import Booking, WorkshopSlot

PRODID = "-//City Deal Openbare Ruimte//CDOR-portaal//NL"

# Links to the portal's pages: (url name, pk) -> absolute URL.
LinkBuilder = Callable[[str, int], str]

_CANCELLED_BOOKING_STATES = {BookingState.CANCELLED, BookingState.NOT_HELD}


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, _zone())


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _base(uid: str, *, summary: str, sequence: int, stamp: datetime.datetime) -> VEvent:
    item = VEvent()
    item.add("uid", uid)
    item.add("dtstamp", stamp.astimezone(datetime.UTC))
    item.add("summary", summary)
    item.add("sequence", max(0, sequence))
    return item


def _timed(item: VEvent, start: datetime.datetime, end: datetime.datetime) -> None:
    item.add("dtstart", _local(start))
    item.add("dtend", _local(end))


def _workshop_item(
    uid: str, slot: WorkshopSlot, *, sequence: int, stamp, cancelled: bool, url: str
) -> VEvent:
    """What a slot's and a booking's item share: the slot's title, time and place."""
    item = _base(
        uid,
        summary=_("Workshop %(team)s: %(title)s") % {"team": slot.team.code, "title": slot.title},
        sequence=sequence,
        stamp=stamp,
    )
    _timed(item, slot.start, slot.end)
    item.add("location", slot.location)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("url", url)
    return item


def slot_event(slot: WorkshopSlot, *, host: str, link: LinkBuilder, stamp) -> VEvent:
    """A team's workshop slot, with its confirmed cases counted (``confirmed_count``)."""
    url = link("workshop-slot-detail", slot.pk)
    cancelled = slot.state == SlotState.CANCELLED
    item = _workshop_item(
        f"slot-{slot.pk}@{host}",
        slot,
        sequence=getattr(slot, "sequence", 0),
        stamp=stamp,
        cancelled=cancelled,
        url=url,
    )
    item.add(
        "description",
        _lines(
            _("Team: %(team)s") % {"team": slot.team},
            _("Topic: %(topic)s") % {"topic": slot.topic},
            _("Confirmed cases: %(count)d of %(capacity)d places")
            % {"count": getattr(slot, "confirmed_count", 0), "capacity": slot.capacity},
            _("Cancelled: %(reason)s") % {"reason": slot.cancel_reason} if cancelled else "",
            slot.description,
            url,
        ),
    )
    return item


def booking_event(booking: Booking, *, host: str, link: LinkBuilder, stamp) -> VEvent:
    """A case's booking of a workshop: its slot's time and place, the booking's state."""
    slot = booking.slot
    url = link("booking-detail", booking.pk)
    cancelled = booking.state in _CANCELLED_BOOKING_STATES or slot.state == SlotState.CANCELLED
    item = _workshop_item(
        f"booking-{booking.pk}@{host}",
        slot,
        sequence=getattr(booking, "sequence", 0),
        stamp=stamp,
        cancelled=cancelled,
        url=url,
    )
    item.add(
        "description",
        _lines(
            _("Team: %(team)s") % {"team": slot.team},
            _("Case: %(case)s") % {"case": booking.case.title},
            _("Booking: %(state)s") % {"state": booking.get_state_display().lower()},
            _("Questions: %(questions)s") % {"questions": booking.questions}
            if booking.questions
            else "",
            url,
        ),
    )
    return item


def programme_event(event: Event, *, host: str, stamp) -> VEvent:
    """A programme event: an all-day item on its day, or over its month when the plan
    names only the month."""
    whole_month = event.date_precision == DatePrecision.MONTH
    month = formats.date_format(event.date, "F Y")
    summary = event.title
    if whole_month:
        summary = _("%(title)s (in %(month)s, date to follow)") % {
            "title": event.title,
            "month": month,
        }
    item = _base(
        f"event-{event.pk}@{host}",
        summary=summary,
        sequence=getattr(event, "sequence", 0),
        stamp=stamp,
    )
    start = event.date.replace(day=1) if whole_month else event.date
    item.add("dtstart", start)
    item.add("dtend", next_month(start) if whole_month else start + datetime.timedelta(days=1))
    if whole_month:
        item.add("transp", "TRANSPARENT")
    if event.place:
        item.add("location", event.place)
    item.add("status", "CONFIRMED")
    item.add(
        "description",
        _lines(
            event.get_kind_display(),
            _("The plan names only the month: %(month)s.") % {"month": month}
            if whole_month
            else "",
            event.description,
        ),
    )
    return item


def build_calendar(
    *,
    name: str,
    host: str,
    link: LinkBuilder,
    bookings: Iterable[Booking] = (),
    slots: Iterable[WorkshopSlot] = (),
    events: Iterable[Event] = (),
    now: datetime.datetime | None = None,
) -> bytes:
    """The calendar ``name`` with these bookings, slots and events, as iCalendar bytes.

    ``host`` ends every UID (the portal's host name: the same on every request);
    ``link(url_name, pk)`` makes the absolute address of a booking's or slot's page.
    """
    stamp = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for booking in bookings:
        calendar.add_component(booking_event(booking, host=host, link=link, stamp=stamp))
    for slot in slots:
        calendar.add_component(slot_event(slot, host=host, link=link, stamp=stamp))
    for event in events:
        calendar.add_component(programme_event(event, host=host, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
