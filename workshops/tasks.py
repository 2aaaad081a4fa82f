"""Mail about workshops, sent in the background (django-tasks).

The services queue these with each step, inside the step's transaction (see
``citydeal.tasks``). The mail is in the portal's language (Dutch), whoever took the step.
Who hears of what: the team (its leads, or the core team when it has none) of a new
request, a place that moved up and a cancellation; the case (its owners and whoever
asked) of every answer; both of a reminder. Nobody is mailed about their own step.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Role, User
from workshops.constants import BookingState, HelpRequestState
from workshops.models import Booking, BookingTransition, HelpRequest, WorkshopSlot


def _with_address(users) -> dict[int, User]:
    return {user.pk: user for user in users if user.is_active and user.email}


def team_side(team) -> dict[int, User]:
    """The team's leads; the core team when the team has no lead with an address."""
    people = _with_address(team.leads.all())
    if not people:
        people = _with_address(
            User.objects.filter(groups__name=Role.CORE_TEAM.value).order_by("username")
        )
    return people


def case_side(booking_or_request) -> dict[int, User]:
    """The case's owners and whoever asked."""
    people = _with_address(booking_or_request.case.owners.all())
    asker = getattr(booking_or_request, "requested_by", None) or getattr(
        booking_or_request, "created_by", None
    )
    people.update(_with_address([asker] if asker else []))
    return people


def step_recipients(step: BookingTransition) -> list[User]:
    booking = step.booking
    people: dict[int, User] = {}
    new_request = step.to_state == BookingState.REQUESTED and not step.from_state
    if step.to_state == BookingState.REQUESTED or step.to_state == BookingState.CANCELLED:
        people.update(team_side(booking.slot.team))
    if not new_request:
        people.update(case_side(booking))
    people.pop(step.by_id, None)
    return sorted(people.values(), key=lambda user: user.username)


def _url(name: str, pk: int) -> str:
    return settings.PORTAL_URL.rstrip("/") + reverse(name, kwargs={"pk": pk})


def _render(subject: str, template: str, context: dict) -> tuple[str, str]:
    body = render_to_string(template, context)
    # One line, whatever the title holds: a header cannot take a line break.
    return " ".join(subject.split()), body


def step_mail(step: BookingTransition) -> tuple[str, str]:
    """The subject and text of the mail about ``step``, in the portal's language."""
    booking = step.booking
    with translation.override(settings.LANGUAGE_CODE):
        return _render(
            _("Workshop '%(title)s' for %(case)s: %(state)s")
            % {
                "title": booking.slot.title,
                "case": booking.case.title,
                "state": step.get_to_state_display().lower(),
            },
            "workshops/mail/step.txt",
            {
                "step": step,
                "booking": booking,
                "slot": booking.slot,
                "url": _url("booking-detail", booking.pk),
            },
        )


def _send(subject: str, body: str, people) -> int:
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in people]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


_BOOKING_RELATED = ("slot__team", "case", "requested_by", "decided_by")


@task()
def send_booking_step_mail(step_id: int) -> int:
    """Mails the team or the case about one step of a booking; the number sent."""
    step = BookingTransition.objects.select_related(
        "by", *(f"booking__{name}" for name in _BOOKING_RELATED)
    ).get(pk=step_id)
    subject, body = step_mail(step)
    return _send(subject, body, step_recipients(step))


@task()
def send_booking_reminder_mail(booking_id: int) -> int:
    """Reminds the case and the team of a confirmed workshop; the number sent."""
    booking = Booking.objects.select_related(*_BOOKING_RELATED).get(pk=booking_id)
    if booking.state != BookingState.CONFIRMED:
        return 0  # cancelled since the reminder was queued
    people = {**team_side(booking.slot.team), **case_side(booking)}
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render(
            _("Reminder: workshop '%(title)s' for %(case)s")
            % {"title": booking.slot.title, "case": booking.case.title},
            "workshops/mail/reminder.txt",
            {"booking": booking, "slot": booking.slot, "url": _url("booking-detail", booking.pk)},
        )
    return _send(subject, body, sorted(people.values(), key=lambda user: user.username))


@task()
def send_slot_changed_mail(slot_id: int, booking_ids: list[int], changed: list[str]) -> int:
    """Tells the confirmed cases of a slot that its title, time or place changed."""
    slot = WorkshopSlot.objects.select_related("team").get(pk=slot_id)
    sent = 0
    bookings = (
        Booking.objects.filter(pk__in=booking_ids, state=BookingState.CONFIRMED)
        .select_related("case", "requested_by")
        .prefetch_related("case__owners")
    )
    labels = [str(WorkshopSlot._meta.get_field(name).verbose_name) for name in changed]
    for booking in bookings:
        booking.slot = slot
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _render(
                _("Workshop '%(title)s' has changed") % {"title": slot.title},
                "workshops/mail/slot_changed.txt",
                {
                    "booking": booking,
                    "slot": slot,
                    "changed": labels,
                    "url": _url("booking-detail", booking.pk),
                },
            )
        sent += _send(subject, body, case_side(booking).values())
    return sent


@task()
def send_help_request_mail(help_request_id: int, state: str) -> int:
    """Tells the team of a new request for help, and the case of its answer."""
    help_request = HelpRequest.objects.select_related(
        "team", "case", "slot", "created_by", "answered_by"
    ).get(pk=help_request_id)
    if state == HelpRequestState.OPEN:
        people = team_side(help_request.team)
        people.pop(help_request.created_by_id, None)
    else:
        people = case_side(help_request)
        people.pop(help_request.answered_by_id, None)
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render(
            _("Request for help from %(case)s to %(team)s: %(state)s")
            % {
                "case": help_request.case.title,
                "team": help_request.team,
                "state": HelpRequestState(state).label.lower(),
            },
            "workshops/mail/help_request.txt",
            {
                "help": help_request,
                "state": state,
                "url": _url("help-request-detail", help_request.pk),
                "slot_url": _url("workshop-slot-detail", help_request.slot_id)
                if help_request.slot_id
                else "",
            },
        )
    return _send(subject, body, sorted(people.values(), key=lambda user: user.username))
