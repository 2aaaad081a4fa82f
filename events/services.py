"""Writes of the events app: the core team plans the programme's events."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case
from citydeal.historical import save_with_history
from citydeal.services import assign, ensure_allowed, links_differ
from events.models import DatePrecision, Event
from events.permissions import can_manage_events
from teams.models import Programme, Team


def _slug(*, programme: Programme, title: str, date: datetime.date, precision: str) -> str:
    """A code for the event's URL: the title and the date, unique in the programme."""
    when = date.strftime("%Y-%m") if precision == DatePrecision.MONTH else date.isoformat()
    base = slugify(f"{title[:60]} {when}").strip("-") or when
    taken = set(Event.objects.filter(programme=programme).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check(*, programme: Programme, teams: list[Team], cases: list[Case]) -> None:
    errors = {}
    if any(team.programme_id != programme.pk for team in teams):
        errors["teams"] = _("A team of another programme cannot be linked.")
    if any(case.programme_id != programme.pk for case in cases):
        errors["cases"] = _("A case of another programme cannot be linked.")
    if errors:
        raise ValidationError(errors)


def _fields(*, kind, title, date, date_precision, place, description) -> dict:
    if date_precision == DatePrecision.MONTH:
        date = date.replace(day=1)  # only the month is known: the date is the 1st
    return {
        "kind": kind,
        "title": title.strip(),
        "date": date,
        "date_precision": date_precision,
        "place": place.strip(),
        "description": description.strip(),
    }


@transaction.atomic
def event_create(
    *,
    programme: Programme,
    by: User,
    kind: str,
    title: str,
    date: datetime.date,
    date_precision: str = DatePrecision.DAY,
    place: str = "",
    description: str = "",
    teams: list[Team] | tuple = (),
    cases: list[Case] | tuple = (),
) -> Event:
    """Plan a programme event (atelier, directors' meeting, workshop, ...)."""
    ensure_allowed(can_manage_events(by))
    _check(programme=programme, teams=list(teams), cases=list(cases))
    # Lock the programme row so two new events cannot take the same code.
    Programme.objects.select_for_update().get(pk=programme.pk)
    fields = _fields(
        kind=kind,
        title=title,
        date=date,
        date_precision=date_precision,
        place=place,
        description=description,
    )
    event = Event(
        programme=programme,
        slug=_slug(
            programme=programme,
            title=fields["title"],
            date=fields["date"],
            precision=date_precision,
        ),
        **fields,
    )
    event.full_clean()
    save_with_history(event, by=by, created=True, links={"teams": teams, "cases": cases})
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    by: User,
    kind: str,
    title: str,
    date: datetime.date,
    date_precision: str,
    place: str,
    description: str,
    teams: list[Team],
    cases: list[Case],
) -> Event:
    """Change a programme event; its code (and so its URL) stays the same."""
    ensure_allowed(can_manage_events(by))
    event = Event.objects.select_for_update().get(pk=event.pk)
    _check(programme=event.programme, teams=list(teams), cases=list(cases))
    changed = assign(
        event,
        **_fields(
            kind=kind,
            title=title,
            date=date,
            date_precision=date_precision,
            place=place,
            description=description,
        ),
    )
    links = {
        name: related
        for name, related in (("teams", teams), ("cases", cases))
        if links_differ(event, **{name: related})
    }
    if changed or links:
        event.full_clean()
        save_with_history(event, by=by, links=links)
    return event
