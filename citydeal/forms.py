"""Form fields shared by the edit pages (months; amounts are in citydeal.money), the edit
page itself, and the one-time token that makes a create page save once."""

import datetime
import hashlib
import json
import secrets
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citydeal.models import IdempotencyScope
from citydeal.services import idempotency_key_valid, idempotent_run

T = TypeVar("T")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month (<input type="month">, "2022-03"), stored as the first day of the month."""

    widget = MonthInput
    default_error_messages = {"invalid": _("Enter a month as year and month, e.g. 2022-03.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if isinstance(value, datetime.date) else value


class SearchField(forms.CharField):
    """The search box of a list's GET filter: optional, one line, its spaces collapsed.

    A NUL character is refused (``CharField``'s own validator): the list shows the error
    and leaves the search out.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


def submit(request, form: forms.Form, save: Callable[[dict], T]) -> T | None:
    """Validate a posted form and save it through a service; the result, or None to re-render.

    A ValidationError of the service (a rule the form cannot check, or a race) shows on
    the form like the form's own errors.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    form.cleaned_data.pop(SUBMIT_TOKEN, None)  # how the form was sent, not what it asks
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


# -- once: the one-time token of a create page ---------------------------------------------

SUBMIT_TOKEN = "submit_token"
# What the browser sends besides the fields; not part of what a create asks for.
_NOT_ASKED = {SUBMIT_TOKEN, "csrfmiddlewaretoken"}


class SubmitTokenField(forms.CharField):
    """The form's one-time token, a hidden field. Shown again after a refused send, the
    form keeps the posted token; a missing or malformed one is replaced by a fresh one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def bound_data(self, data, initial):
        return data if idempotency_key_valid(data) else initial


def add_submit_token(form: forms.Form) -> forms.Form:
    """Give a create page's form its one-time token (a new one for each page shown)."""
    form.fields[SUBMIT_TOKEN] = SubmitTokenField()
    form.initial[SUBMIT_TOKEN] = secrets.token_urlsafe(24)
    return form


def _posted_hash(request) -> str:
    asked = sorted(
        (name, request.POST.getlist(name)) for name in request.POST if name not in _NOT_ASKED
    )
    return hashlib.sha256(json.dumps(asked).encode()).hexdigest()


class _NotSaved(Exception):
    """The form or the service refused: roll the key back with it, show the form again."""


def submit_once(
    request,
    form: forms.Form,
    save: Callable[[dict], T],
    *,
    saved_message: str,
    success_url: Callable[[T], str],
) -> HttpResponse | None:
    """Save a posted create form once per its one-time token (``add_submit_token``); the
    redirect to what it created, or None to show the form (again).

    The same token sent again (a double click, the browser's retry, a send after "back")
    redirects to what the first send created and creates nothing. A post without a token
    (not sent by the page) saves as ``submit`` does.
    """
    if request.method != "POST":
        return None
    token = request.POST.get(SUBMIT_TOKEN, "")
    if not idempotency_key_valid(token):
        saved = submit(request, form, save)
        if saved is None:
            return None
        messages.success(request, saved_message)
        return redirect(success_url(saved))

    def run() -> tuple[int, str]:
        saved = submit(request, form, save)
        if saved is None:
            raise _NotSaved
        return 302, success_url(saved)

    try:
        answer = idempotent_run(
            user=request.user,
            scope=IdempotencyScope.FORM,
            key=token,
            method="POST",
            path=request.path,
            body_hash=_posted_hash(request),
            run=run,
        )
    except _NotSaved:
        return None
    if not answer.replayed:
        messages.success(request, saved_message)
    elif not answer.same_request:
        form.add_error(
            None, gettext("This form could not be sent: reload the page and fill it in again.")
        )
        return None
    elif answer.same_body:
        messages.info(
            request,
            gettext("This form had already been sent: this is what it created, once."),
        )
    else:
        messages.warning(
            request,
            gettext(
                "This form had already been sent: this is what it created. What was changed "
                "before sending it again has not been saved; open a new form to add another."
            ),
        )
    return redirect(answer.body)


def form_page(
    request,
    form: forms.Form,
    save: Callable[[dict], T],
    *,
    saved_message: str,
    title: str | Callable[[], str],
    back_url: str,
    back_label: str,
    submit_label: str,
    intro: str = "",
    success_url: str | Callable[[T], str] | None = None,
    once: bool = False,
    template_name: str = "forms/edit_page.html",
    context: dict | None = None,
    preview: bool = False,
) -> HttpResponse:
    """An edit page: save the posted form through ``submit``, or show it (again).

    When it is saved: ``saved_message`` and a redirect to ``success_url`` (a callable gets
    what ``save`` returned), by default back to ``back_url``. Otherwise ``template_name``
    (forms/edit_page.html) with the form, the texts and ``context``.
    A callable ``title`` is called after the form is validated: a model form has then put
    the posted values on its instance, and a title that names the object shows them.
    A page that creates passes ``once``: its form carries a one-time token, and sending
    it twice creates once (``submit_once``). With ``preview`` (a posted "check" step of
    the same form) the form is validated and shown again, and nothing is saved.
    """
    url = back_url if success_url is None else success_url
    if once:
        add_submit_token(form)
    if preview:
        form.is_valid()  # the errors and what the form read, shown; nothing saved
    elif once:
        response = submit_once(
            request,
            form,
            save,
            saved_message=saved_message,
            success_url=lambda saved: url(saved) if callable(url) else url,
        )
        if response is not None:
            return response
    else:
        saved = submit(request, form, save)
        if saved is not None:
            messages.success(request, saved_message)
            return redirect(url(saved) if callable(url) else url)
    return render(
        request,
        template_name,
        {
            **(context or {}),
            "form": form,
            "title": title() if callable(title) else title,
            "intro": intro,
            "back_url": back_url,
            "back_label": back_label,
            "submit_label": submit_label,
        },
    )
