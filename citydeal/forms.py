"""Form fields shared by the edit pages (amounts in euros and months), and the edit page itself."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from citydeal.validators import check_no_underscore

# The largest amount a page accepts: 99.999.999,99. The columns hold more, but a
# figure that size in this programme is a typing error.
MAX_AMOUNT = Decimal("99999999.99")

T = TypeVar("T")


class MoneyField(forms.DecimalField):
    """Euros with at most two decimals, never negative, typed the Dutch way ("1.250,50")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", MAX_AMOUNT)
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        # A pasted "€ 1.250" or "1250 euro" is still an amount.
        if isinstance(value, str):
            value = value.replace("€", "").strip()
            check_no_underscore(value)  # Decimal would read "1_000" as 1000
        return super().to_python(value)


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
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


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
) -> HttpResponse:
    """An edit page: save the posted form through ``submit``, or show it (again).

    When it is saved: ``saved_message`` and a redirect to ``success_url`` (a callable gets
    what ``save`` returned), by default back to ``back_url``. Otherwise
    forms/edit_page.html with the form and the texts.
    A callable ``title`` is called after the form is validated: a model form has then put
    the posted values on its instance, and a title that names the object shows them.
    """
    saved = submit(request, form, save)
    if saved is not None:
        messages.success(request, saved_message)
        url = back_url if success_url is None else success_url
        return redirect(url(saved) if callable(url) else url)
    return render(
        request,
        "forms/edit_page.html",
        {
            "form": form,
            "title": title() if callable(title) else title,
            "intro": intro,
            "back_url": back_url,
            "back_label": back_label,
            "submit_label": submit_label,
        },
    )
