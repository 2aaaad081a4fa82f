"""Mail about spending requests, sent in the background (django-tasks).

The services queue ``send_spending_transition_mail`` with each step: with the database
backend in the step's own transaction (a committed step always has its mail, a rolled-back
one never), and a worker sends it, so a slow mail server never holds up a page; with
another backend after the commit. The mail is in the portal's language (Dutch), whoever
took the step.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Role, User
from spending.models import SpendingTransition


def transition_recipients(step: SpendingTransition) -> list[User]:
    """Who hears of a step: the submitter and the active core team members with an address."""
    people = {}
    submitter = step.request.submitted_by
    if submitter is not None and submitter.is_active and submitter.email:
        people[submitter.pk] = submitter
    core_team = User.objects.filter(groups__name=Role.CORE_TEAM.value, is_active=True).exclude(
        email=""
    )
    for user in core_team.order_by("username"):
        people.setdefault(user.pk, user)
    return list(people.values())


def transition_mail(step: SpendingTransition) -> tuple[str, str]:
    """The subject and text of the mail about ``step``, in the portal's language."""
    req = step.request
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Spending request '%(title)s': %(state)s") % {
            "title": req.title,
            "state": req.get_state_display().lower(),
        }
        body = render_to_string(
            "spending/mail/transition.txt",
            {
                "step": step,
                "req": req,
                "url": settings.PORTAL_URL.rstrip("/")
                + reverse("spending-detail", kwargs={"pk": req.pk}),
            },
        )
    # One line, whatever the title holds: a header cannot take a line break.
    return " ".join(subject.split()), body


@task()
def send_spending_transition_mail(transition_id: int) -> int:
    """Mails the submitter and the core team about one step; returns the number sent."""
    step = SpendingTransition.objects.select_related(
        "by",
        "request__budget_line__team",
        "request__budget_line__period",
        "request__submitted_by",
        "request__activity",
    ).get(pk=transition_id)
    subject, body = transition_mail(step)
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in transition_recipients(step)
    ]
    return send_mass_mail(messages, fail_silently=False)
