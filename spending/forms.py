"""The forms of the spending pages: they check the shape of the input; the services decide."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod
from citydeal.forms import SearchField
from citydeal.money import MoneyField, amount_hint
from citydeal.validators import (
    LONG_TEXT_MAX_LENGTH,
    validate_multiline,
    validate_single_line,
)
from spending.constants import NOTE_MAX_LENGTH, SpendingState
from teams.models import Team


class BudgetLineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BudgetLine) -> str:
        return f"{obj.team} – {obj.period.label}"


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.team.code}: {obj.title}"


def _strip_nul(value: str) -> str:
    if "\x00" in value:
        raise ValidationError(_("The text contains a null character."), code="null")
    return value


class SpendingRequestForm(forms.Form):
    """A draft request: the lines and activities offered are those the user may ask for."""

    budget_line = BudgetLineChoiceField(
        label=_("Budget line"), queryset=BudgetLine.objects.none(), empty_label=None
    )
    activity = ActivityChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("(no particular activity)"),
        help_text=_("An activity of the budget line's team."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "The year of the budget space the amount counts against; empty: the first "
            "year of the budget line's period."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    description = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=[validate_multiline],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the money is for, and why now."),
    )
    amount = MoneyField(
        label=_("Amount incl. VAT (EUR)"),
        min_value=Decimal("0.01"),
        help_text=amount_hint(),
    )

    def __init__(self, *args, lines, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = lines
        self.fields["activity"].queryset = activities

    def clean_title(self):
        return _strip_nul(self.cleaned_data["title"])

    def clean_description(self):
        return _strip_nul(self.cleaned_data["description"])


class NoteForm(forms.Form):
    """The note with a step; required for rejecting and returning (the service says so)."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_multiline],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_note(self):
        return _strip_nul(self.cleaned_data["note"])


class RealiseForm(NoteForm):
    actual_amount = MoneyField(label=_("Actual amount incl. VAT (EUR)"))
    realised_on = forms.DateField(
        label=_("Realised on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        initial=timezone.localdate,
    )

    field_order = ["actual_amount", "realised_on", "note"]


class QueueFilterForm(forms.Form):
    """The GET filter of the spending lists (the approval queue and the own requests); an
    invalid value is ignored and shown."""

    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All teams")
    )
    period = forms.ModelChoiceField(
        label=_("Period"),
        queryset=BudgetPeriod.objects.none(),
        required=False,
        empty_label=_("All periods"),
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All states")), *SpendingState.choices],
    )
    search = SearchField(label=_("Search in the title"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(programme=programme).order_by("number")
        self.fields["period"].queryset = BudgetPeriod.objects.filter(programme=programme).order_by(
            "start_year"
        )
