"""Planning the programme's events: adding and editing one (the core team)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from citydeal.forms import form_page
from citydeal.services import ensure_allowed
from events.forms import EventForm
from events.permissions import can_manage_events
from events.selectors import event_get
from events.services import event_create, event_update
from teams.selectors import programme_current


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
