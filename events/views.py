"""The programme's events: the list, and adding and editing one (the core team)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from citydeal.forms import form_page
from citydeal.paging import page_from_request
from citydeal.readings import readings_attach
from citydeal.services import ensure_allowed
from events.forms import EventFilterForm, EventForm
from events.permissions import can_manage_events
from events.selectors import event_get, event_rows
from events.services import event_create, event_update
from teams.models import Team
from teams.selectors import programme_current


def event_list_view(request):
    """Every event of the programme, the latest first, 50 a page; filter by team and kind,
    search in the title. Who may read the overview's events may read this list."""
    programme = programme_current()
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    form = EventFilterForm(request.GET, teams=teams)
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    filters = getattr(form, "cleaned_data", {})
    events = event_rows(
        programme=programme,
        team_number=filters.get("team"),
        kind=filters.get("kind", ""),
        search=filters.get("search", ""),
    )
    page = page_from_request(request, events)
    page_events = list(page.object_list)
    readings_attach(page_events)  # one query for the page's readings of the plan
    return render(
        request,
        "events/event_list.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "events": page_events,
            "filtered": any(filters.get(name) for name in ("team", "kind", "search")),
            "can_manage_events": bool(can_manage_events(request.user)),
        },
    )


def _links(data: dict) -> dict:
    return {**data, "teams": list(data["teams"]), "cases": list(data["cases"])}


def event_create_view(request):
    programme = programme_current()
    ensure_allowed(can_manage_events(request.user))
    form = EventForm(request.POST if request.method == "POST" else None, programme=programme)
    back_url = f"{reverse('overview')}#events"
    return form_page(
        request,
        form,
        lambda data: event_create(programme=programme, by=request.user, **_links(data)),
        saved_message=_("The event has been planned."),
        title=_("Plan an event"),
        intro=_(
            "An atelier, a directors' meeting, a workshop or a theme session. When only "
            "the month is known, choose 'Month' as precision: the 1st is stored."
        ),
        back_url=back_url,
        back_label=_("Back to the overview"),
        submit_label=_("Plan event"),
        once=True,
    )


def event_edit_view(request, slug: str):
    programme = programme_current()
    ensure_allowed(can_manage_events(request.user))
    event = event_get(programme=programme, slug=slug)
    form = EventForm(
        request.POST if request.method == "POST" else None, instance=event, programme=programme
    )
    back_url = f"{reverse('overview')}#events"
    return form_page(
        request,
        form,
        lambda data: event_update(event=event, by=request.user, **_links(data)),
        saved_message=_("The event has been saved."),
        title=lambda: _("Edit event: %(title)s") % {"title": event.title},
        back_url=back_url,
        back_label=_("Back to the overview"),
        submit_label=_("Save event"),
    )
