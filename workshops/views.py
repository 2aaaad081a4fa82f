"""The workshop pages: a slot, publishing and changing one, asking a place, a booking with
its trail and steps, and the requests for help. Thin: the forms check the input,
selectors read, services write.

A step the user may not take answers 403 with the rule's reason. A step that the input,
the state or the slot's room refuses comes back to the page with the form's errors.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from citydeal.exceptions import Conflict
from citydeal.forms import add_service_errors, add_submit_token, form_page, submit_once
from citydeal.paging import page_from_request
from citydeal.services import ensure_allowed
from citydeal.verdicts import is_core_team, owned_case_ids
from teams.models import Team
from teams.selectors import programme_current
from workshops import services
from workshops.constants import ACTIVE_STATES, PENDING_STATES, BookingAction, HelpRequestState
from workshops.forms import (
    AnswerSlotForm,
    BookingRequestForm,
    HelpCloseForm,
    HelpRequestForm,
    NoteForm,
    ReasonForm,
    ReportForm,
    SlotForm,
)
from workshops.models import Booking, HelpRequest
from workshops.permissions import (
    booking_actions_for,
    can_answer_help,
    can_close_help,
    can_edit_slot,
    can_publish_slots,
    can_request_bookings,
    can_view_agenda,
    can_view_booking,
)
from workshops.selectors import (
    booking_trail,
    bookings_filtered,
    bookings_visible,
    cases_for_requester,
    help_requests_visible,
    slot_get,
    slot_open_for_requests,
    teams_for_publisher,
)

# -- a slot -------------------------------------------------------------------------------


def _slot(request, pk: int):
    ensure_allowed(can_view_agenda(request.user))
    return slot_get(pk=pk)


def slot_detail_view(request, pk: int):
    """The slot; for its team lead and the core team its bookings with the quick steps;
    for a case owner the own cases' bookings and the request form (or the waiting list)."""
    slot = _slot(request, pk)
    user = request.user
    can_edit = bool(can_edit_slot(user, slot))
    context = {
        "slot": slot,
        "can_edit": can_edit,
        "open": slot_open_for_requests(slot),
        "started": slot.start <= timezone.now(),
    }
    if can_edit:
        bookings = bookings_filtered(user, slot=slot).order_by("created", "pk")
        page = page_from_request(request, bookings)
        context.update(page=page, bookings=page.object_list, pending=PENDING_STATES)
    else:
        own = owned_case_ids(user)
        context["bookings"] = list(
            bookings_filtered(user, slot=slot).filter(case__in=own).order_by("created", "pk")
        )
    # The form, unless each of the user's cases has its place or request already.
    active = {b.case_id for b in context["bookings"] if b.state in ACTIVE_STATES}
    all_asked = not is_core_team(user) and active >= owned_case_ids(user)
    if can_request_bookings(user) and context["open"] and not all_asked:
        form = BookingRequestForm(cases=cases_for_requester(user, programme=slot.team.programme))
        context["request_form"] = add_submit_token(form)
        context["full"] = not slot.places_left
    return render(request, "workshops/slot_detail.html", context)


def slot_create_view(request):
    ensure_allowed(can_publish_slots(request.user))
    teams = teams_for_publisher(request.user, programme=programme_current())
    initial = {}
    number = request.GET.get("team", "")
    if number.isdigit():
        team = teams.filter(number=int(number)).first()
        initial["team"] = team.pk if team else None
    form = SlotForm(
        request.POST if request.method == "POST" else None, teams=teams, initial=initial
    )
    return form_page(
        request,
        form,
        lambda data: services.slot_create(by=request.user, team=data["team"], **form.slot_fields()),
        saved_message=_("The workshop has been published in the agenda."),
        title=_("Publish a workshop"),
        intro=_(
            "Case owners see the workshop in 'Who helps when' and can ask for a place. "
            "Times are Dutch time; without a date picker, type e.g. 2022-03-14 10:00."
        ),
        back_url=reverse("agenda"),
        back_label=_("Who helps when"),
        submit_label=_("Publish workshop"),
        success_url=lambda slot: reverse("workshop-slot-detail", args=[slot.pk]),
        once=True,
    )


def _slot_initial(slot) -> dict:
    return {
        "title": slot.title,
        "topic": slot.topic,
        "start": slot.start,
        "end": slot.end,
        "location": slot.location,
        "capacity": slot.capacity,
        "description": slot.description,
        "goal": slot.goal_id,
        "activity": slot.activity_id,
        "request_deadline": slot.request_deadline,
    }


def slot_edit_view(request, pk: int):
    slot = _slot(request, pk)
    ensure_allowed(can_edit_slot(request.user, slot))
    form = SlotForm(
        request.POST if request.method == "POST" else None,
        team=slot.team,
        initial=_slot_initial(slot),
    )
    return form_page(
        request,
        form,
        lambda data: services.slot_update(slot_id=slot.pk, by=request.user, **form.slot_fields()),
        saved_message=_(
            "The workshop has been changed. Confirmed cases are mailed when the title, time "
            "or place changed."
        ),
        title=_("Change workshop"),
        intro=_("Times are Dutch time; without a date picker, type e.g. 2022-03-14 10:00."),
        back_url=reverse("workshop-slot-detail", args=[slot.pk]),
        back_label=slot.title,
        submit_label=_("Save changes"),
    )


def slot_cancel_view(request, pk: int):
    slot = _slot(request, pk)
    ensure_allowed(can_edit_slot(request.user, slot))
    form = ReasonForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        lambda data: services.slot_cancel(slot_id=slot.pk, by=request.user, reason=data["reason"]),
        saved_message=_("The workshop has been cancelled; its cases have been told why."),
        title=_("Cancel workshop"),
        intro=_(
            "Every request, waiting and confirmed booking of this workshop is cancelled with "
            "this reason, and the cases are mailed."
        ),
        back_url=reverse("workshop-slot-detail", args=[slot.pk]),
        back_label=slot.title,
        submit_label=_("Cancel the workshop"),
    )


# -- asking a place -------------------------------------------------------------------------


def booking_request_view(request, pk: int):
    """GET: the request form on a page of its own; POST: ask the place (once per form)."""
    slot = _slot(request, pk)
    ensure_allowed(can_request_bookings(request.user))
    cases = cases_for_requester(request.user, programme=slot.team.programme)
    form = add_submit_token(
        BookingRequestForm(request.POST if request.method == "POST" else None, cases=cases)
    )
    response = submit_once(
        request,
        form,
        lambda data: services.booking_request(
            by=request.user,
            slot=slot,
            case=data["case"],
            questions=data["questions"],
            waiting_list=data["waiting_list"],
        ),
        saved_message=_("Your request has been sent to the team; its status is on this page."),
        success_url=lambda booking: reverse("booking-detail", args=[booking.pk]),
    )
    if response is not None:
        return response
    # The places may have gone since the page was shown: then the list is offered.
    full = not slot.places_left or form.has_error(NON_FIELD_ERRORS, "slot_full")
    return render(
        request,
        "workshops/booking_request.html",
        {"slot": slot, "form": form, "open": slot_open_for_requests(slot), "full": full},
        status=400 if form.errors else 200,
    )


# -- a booking --------------------------------------------------------------------------------


def _booking(request, pk: int) -> Booking:
    """The booking if the user may see it: 404 when there is none, 403 with the reason."""
    booking = bookings_visible(request.user).filter(pk=pk).first()
    if booking is not None:
        return booking
    booking = Booking.objects.select_related("slot__team").filter(pk=pk).first()
    if booking is None:
        raise Http404(_("There is no booking with this number."))
    ensure_allowed(can_view_booking(request.user, booking))
    raise Http404  # visible by the rule but not by the selector: they must agree


# URL part -> (step, form, service, the service's keyword for the text, done message)
STEPS = {
    "confirm": (
        BookingAction.CONFIRM,
        NoteForm,
        services.booking_confirm,
        "note",
        gettext_lazy("The booking has been confirmed; the case has been told."),
    ),
    "decline": (
        BookingAction.DECLINE,
        NoteForm,
        services.booking_decline,
        "note",
        gettext_lazy("The request has been declined; the case has been told why."),
    ),
    "cancel": (
        BookingAction.CANCEL,
        ReasonForm,
        services.booking_cancel,
        "reason",
        gettext_lazy("The booking has been cancelled; the other side has been told why."),
    ),
    "held": (
        BookingAction.HELD,
        ReportForm,
        services.booking_mark_held,
        "report",
        gettext_lazy("The workshop has been marked as held."),
    ),
    "not-held": (
        BookingAction.NOT_HELD,
        ReportForm,
        services.booking_mark_not_held,
        "report",
        gettext_lazy("The workshop has been marked as not held."),
    ),
}
_STEP_SLUG = {action: slug for slug, (action, *_rest) in STEPS.items()}


def _render_booking(request, booking: Booking, *, forms=None, status: int = 200):
    forms = forms or {}
    actions = booking_actions_for(request.user, booking)
    step_forms = [
        {
            "slug": _STEP_SLUG[action],
            "action": action,
            "form": forms.get(_STEP_SLUG[action])
            or STEPS[_STEP_SLUG[action]][1](prefix=_STEP_SLUG[action]),
        }
        for action in actions
    ]
    shown = {step["slug"] for step in step_forms}
    # A step the page no longer offers (the state moved on): its errors still show.
    refused = [form for slug, form in forms.items() if slug not in shown]
    return render(
        request,
        "workshops/booking_detail.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "trail": booking_trail(booking),
            "steps": step_forms,
            "refused": refused,
        },
        status=status,
    )


def booking_detail_view(request, pk: int):
    return _render_booking(request, _booking(request, pk))


@require_POST
def booking_step_view(request, pk: int, action: str):
    if action not in STEPS:
        raise Http404
    booking = _booking(request, pk)
    _action, form_class, service, keyword, done = STEPS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(booking_id=booking.pk, by=request.user, **{keyword: form.cleaned_data[keyword]})
        except ValidationError as error:
            add_service_errors(form, error)
            booking = _booking(request, pk)
            status = 409 if isinstance(error, Conflict) else 400
            return _render_booking(request, booking, forms={action: form}, status=status)
        messages.success(request, str(done))
        return redirect("booking-detail", pk=booking.pk)
    return _render_booking(request, booking, forms={action: form}, status=400)


# -- requests for help -----------------------------------------------------------------------


def _help(request, pk: int) -> HelpRequest:
    ensure_allowed(can_view_agenda(request.user))
    help_request = help_requests_visible(request.user).filter(pk=pk).first()
    if help_request is None:
        raise Http404(_("There is no request for help with this number."))
    return help_request


def help_request_create_view(request):
    ensure_allowed(can_request_bookings(request.user))
    programme = programme_current()
    teams = Team.objects.filter(programme=programme).order_by("number")
    cases = cases_for_requester(request.user, programme=programme)
    initial = {}
    number = request.GET.get("team", "")
    if number.isdigit():
        team = teams.filter(number=int(number)).first()
        initial["team"] = team.pk if team else None
    form = HelpRequestForm(
        request.POST if request.method == "POST" else None,
        teams=teams,
        cases=cases,
        initial=initial,
    )

    return form_page(
        request,
        form,
        lambda data: services.help_request_create(
            by=request.user,
            team=data["team"],
            case=data["case"],
            question=data["question"],
            when=data["when"],
        ),
        saved_message=_("Your request for help has been sent to the team lead."),
        title=_("Ask a team for help"),
        intro=_(
            "Describe what the case needs help with and when. The team lead answers by "
            "proposing a workshop, which you then ask a place in."
        ),
        back_url=reverse("agenda"),
        back_label=_("Who helps when"),
        submit_label=_("Send the request for help"),
        success_url=lambda help_request: reverse("help-request-detail", args=[help_request.pk]),
        once=True,
    )


def help_request_detail_view(request, pk: int):
    help_request = _help(request, pk)
    user = request.user
    is_open = help_request.state == HelpRequestState.OPEN
    return render(
        request,
        "workshops/help_request_detail.html",
        {
            "help": help_request,
            "can_answer": is_open and bool(can_answer_help(user, help_request)),
            "can_close": is_open and bool(can_close_help(user, help_request)),
            "close_form": HelpCloseForm(),
        },
    )


def _answer_initial(help_request: HelpRequest) -> dict:
    first_line = help_request.question.strip().splitlines()[0] if help_request.question else ""
    title = first_line if len(first_line) <= 200 else first_line[:199] + "…"
    return {"title": title, "capacity": 1}


def help_request_answer_view(request, pk: int):
    help_request = _help(request, pk)
    ensure_allowed(can_answer_help(request.user, help_request))
    form = AnswerSlotForm(
        request.POST if request.method == "POST" else None,
        team=help_request.team,
        initial=_answer_initial(help_request),
    )
    return form_page(
        request,
        form,
        lambda data: services.help_request_answer(
            help_request_id=help_request.pk,
            by=request.user,
            answer=data["answer"],
            **form.slot_fields(),
        ),
        saved_message=_("The workshop has been published; the case has been told."),
        title=_("Answer with a workshop"),
        intro=_(
            "The question: %(question)s. Propose a workshop of %(team)s; the case's owners "
            "are mailed and can ask for a place."
        )
        % {"question": help_request.question, "team": help_request.team},
        back_url=reverse("help-request-detail", args=[help_request.pk]),
        back_label=_("Request for help"),
        submit_label=_("Publish the workshop"),
        success_url=lambda slot: reverse("workshop-slot-detail", args=[slot.pk]),
        once=True,
    )


@require_POST
def help_request_close_view(request, pk: int):
    help_request = _help(request, pk)
    ensure_allowed(can_close_help(request.user, help_request))
    form = HelpCloseForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_close(
                help_request_id=help_request.pk, by=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request for help has been closed."))
            return redirect("help-request-detail", pk=help_request.pk)
    return render(
        request,
        "workshops/help_request_detail.html",
        {
            "help": help_request,
            "can_answer": False,
            "can_close": help_request.state == HelpRequestState.OPEN,
            "close_form": form,
        },
        status=400,
    )
