"""The calendar feeds page and the feeds themselves: thin; the selectors read, the builder
(``workshops.calendar``) writes the iCalendar, the service renews the address.

A calendar app fetches a feed without a session: the token in the address is the key.
An unknown or renewed token, an inactive user, a user without a role or a calendar the
token's user may not see all answer the same 404, so a guessed address learns nothing.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.models import Case
from citydeal import ratelimit
from citydeal.paging import page_from_request
from citydeal.services import ensure_allowed
from citydeal.verdicts import led_team_ids, owned_case_ids
from teams.models import Team
from teams.selectors import programme_current
from workshops import services
from workshops.calendar import build_calendar
from workshops.models import CalendarFeed
from workshops.permissions import can_view_agenda, can_view_case_calendar, can_view_team_calendar
from workshops.selectors import (
    calendar_cases_for,
    calendar_feed_by_token,
    calendar_feed_of,
    calendar_teams_for,
    feed_bookings,
    feed_events,
    feed_slots,
)

CONTENT_TYPE = "text/calendar; charset=utf-8"
RATE_PERIOD = 60 * 60


def _portal_host() -> str:
    """The host name in every UID: the portal's own, the same whoever asks."""
    return urlsplit(settings.PORTAL_URL).hostname or "localhost"


def _link(name: str, pk: int) -> str:
    return settings.PORTAL_URL.rstrip("/") + reverse(name, kwargs={"pk": pk})


def _feed_user(token: str):
    """The active user with a role behind ``token``; 404 for anything else."""
    feed = calendar_feed_by_token(token)
    if feed is None or not feed.user.is_active or not can_view_agenda(feed.user):
        raise Http404(_("There is no calendar at this address."))
    return feed.user


def _throttled(token: str) -> HttpResponse | None:
    """429 when this address was asked for more often than a calendar app would."""
    key = "calendar-feed:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    if ratelimit.hit(key, period=RATE_PERIOD) <= settings.CALENDAR_FEED_REQUESTS_PER_HOUR:
        return None
    response = HttpResponse(
        _("Too many requests for this calendar; try again later."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(int(ratelimit.seconds_left(key, period=RATE_PERIOD)) + 1)
    return response


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, private=True)
    return response


def _feed_view(view):
    """A feed: open without a session (the token is the key), GET only, throttled per
    address that exists."""

    @login_not_required
    @require_GET
    def wrapped(request, token: str, **kwargs):
        user = _feed_user(token)  # first: only a real address gets a counter in the cache
        refused = _throttled(token)
        if refused is not None:
            return refused
        return view(request, user, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_feed_view
def feed_user_view(request, user):
    """The user's own calendar: the bookings of the cases they own, the workshops of the
    teams they lead, and the programme's events."""
    body = build_calendar(
        name=_("CDOR: my calendar"),
        host=_portal_host(),
        link=_link,
        bookings=feed_bookings(case_ids=sorted(owned_case_ids(user))),
        slots=feed_slots(team_ids=sorted(led_team_ids(user))),
        events=feed_events(programme=programme_current()),
    )
    return _ics(body, "cdor.ics")


@_feed_view
def feed_team_view(request, user, pk: int):
    """A team's calendar: its workshops and the programme's events with the team."""
    team = Team.objects.filter(pk=pk).first()
    if team is None or not can_view_team_calendar(user, team):
        raise Http404(_("There is no calendar at this address."))
    body = build_calendar(
        name=_("CDOR: workshops of %(team)s") % {"team": team},
        host=_portal_host(),
        link=_link,
        slots=feed_slots(team_ids=[team.pk]),
        events=feed_events(team=team),
    )
    return _ics(body, f"cdor-{team.code.lower()}.ics")


@_feed_view
def feed_case_view(request, user, pk: int):
    """A case's calendar: its bookings and the programme's events with the case."""
    case = Case.objects.filter(pk=pk).first()
    if case is None or not can_view_case_calendar(user, case):
        raise Http404(_("There is no calendar at this address."))
    body = build_calendar(
        name=_("CDOR: workshops of %(case)s") % {"case": case.title},
        host=_portal_host(),
        link=_link,
        bookings=feed_bookings(case_ids=[case.pk]),
        events=feed_events(case=case),
    )
    return _ics(body, f"cdor-casus-{case.pk}.ics")


# -- the page -------------------------------------------------------------------------


def _feed_urls(request, feed: CalendarFeed | None, teams, cases) -> dict:
    if feed is None:
        return {"user": None, "teams": [], "cases": []}

    def absolute(name: str, **kwargs) -> str:
        return request.build_absolute_uri(reverse(name, kwargs={"token": feed.token, **kwargs}))

    return {
        "user": absolute("calendar-feed-user"),
        "teams": [(team, absolute("calendar-feed-team", pk=team.pk)) for team in teams],
        "cases": [(case, absolute("calendar-feed-case", pk=case.pk)) for case in cases],
    }


@require_GET
def feeds_view(request):
    """The user's calendar addresses: their own, and one per team and case they follow,
    with how to subscribe and a button for a new address."""
    ensure_allowed(can_view_agenda(request.user))
    feed = calendar_feed_of(request.user)
    programme = programme_current()
    cases = page_from_request(request, calendar_cases_for(request.user, programme=programme))
    teams = list(calendar_teams_for(request.user, programme=programme))
    return render(
        request,
        "workshops/calendar_feeds.html",
        {"feed": feed, "urls": _feed_urls(request, feed, teams, cases), "cases_page": cases},
    )


@require_POST
def feed_renew_view(request):
    """A new address for the user's calendar (the first one, or one that replaces it)."""
    ensure_allowed(can_view_agenda(request.user))
    had_one = calendar_feed_of(request.user) is not None
    services.calendar_feed_renew(user=request.user)
    if had_one:
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old address no longer works: "
                "subscribe again with the new one in your calendar app."
            ),
        )
    else:
        messages.success(request, _("Your calendar address is ready."))
    return redirect("calendar-feeds")
