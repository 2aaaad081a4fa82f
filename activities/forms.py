from dataclasses import dataclass

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from activities.models import PLANNING_FIELDS, Activity, ActivityStatus
from activities.planning_text import (
    MAX_YEAR,
    MIN_YEAR,
    Unreadable,
    describe_estimate,
    describe_planning,
    estimate_fields,
    parse_estimate,
    parse_planning,
    planning_fields,
)
from activities.selectors import PeriodFit
from activities.services import ActivityInput
from cases.models import Case
from citydeal.forms import MonthField, SearchField
from citydeal.money import MoneyField
from teams.models import Team


def _label(name: str) -> str:
    return capfirst(Activity._meta.get_field(name).verbose_name)


# The name of the form's second button: check what the portal reads, save nothing.
PREVIEW = "preview"

_FILLED_FROM_PLANNING = _(
    "Filled in from the planning text when you type a new one the portal can read; "
    "otherwise kept as you fill it in here."
)
_FILLED_FROM_ESTIMATE = _(
    "Filled in from the estimate text when you type a new one the portal can read; "
    "otherwise kept as you fill it in here."
)


class ReadingState:
    FILLED = "filled"  # a new text, read: the fields follow it
    UNREADABLE = "unreadable"  # not read: the text is kept, the fields as filled in
    UNCHANGED = "unchanged"  # the text as saved: the fields as filled in (a correction stays)
    EMPTY = "empty"  # no text: the fields as filled in


@dataclass(frozen=True)
class Reading:
    """What the form read in one of the plan's texts, for the page."""

    label: str
    text: str
    words: str
    state: str


class ActivityForm(forms.ModelForm):
    """An activity of the team's planning table; goals and cases of the team's programme.

    The team lead types the planning and the estimate as the plan writes them; a new
    text that the portal can read fills in the kind, the months and the range
    (``activities.planning_text``). A text it cannot read is kept as written and the
    fields stay as filled in by hand; so does an unchanged text, so that a correction
    of the fields by hand is not undone by the next save.
    """

    start_month = MonthField(
        label=_label("start_month"), required=False, help_text=_FILLED_FROM_PLANNING
    )
    end_month = MonthField(
        label=_label("end_month"), required=False, help_text=_FILLED_FROM_PLANNING
    )
    estimate_min = MoneyField(
        label=_label("estimate_min"), required=False, help_text=_FILLED_FROM_ESTIMATE
    )
    estimate_max = MoneyField(
        label=_label("estimate_max"), required=False, help_text=_FILLED_FROM_ESTIMATE
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "goal",
            "explanation",
            "result",
            "responsible",
            "status",
            *PLANNING_FIELDS,
            "note",
            "cases",
        ]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "cases": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "planning_label": _(
                'As the plan writes it, e.g. "najaar \'21 - zomer \'22", "Q1 2022", '
                '"doorlopend", "vanaf jan \'22" or "ntb".'
            ),
            "planning_kind": _FILLED_FROM_PLANNING,
            "estimate_text": _(
                'As the plan writes it, e.g. "ca. 50-60k", "40-50k?", "€ 12.500" or "PM".'
            ),
        }

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        self.fields["goal"].queryset = team.goals.order_by("order")
        self.fields["cases"].queryset = (
            Case.objects.filter(programme_id=team.programme_id)
            .select_related("municipality")
            .order_by("title")
        )
        self.readings: list[Reading] = []

    def clean(self):
        cleaned = super().clean()
        self.readings = []
        planning = self._read("planning_label", _("Planning"), parse_planning, describe_planning)
        if planning is not None:
            self._fill(**planning_fields(planning))
        estimate = self._read("estimate_text", _("Estimate"), parse_estimate, describe_estimate)
        if estimate is not None:
            self._fill(**estimate_fields(estimate))
        return cleaned

    def _read(self, name: str, label: str, parse, describe):
        """The reading of a text field that fills in the fields; None when they stay as
        filled in (no text, unchanged, unreadable or itself in error)."""
        if name not in self.cleaned_data:
            return None
        text = self.cleaned_data[name].strip()
        if not text:
            self.readings.append(Reading(label, text, "", ReadingState.EMPTY))
            return None
        reading = parse(text)
        if isinstance(reading, Unreadable):
            state = ReadingState.UNREADABLE
        elif name in self.changed_data:
            state = ReadingState.FILLED
        else:
            state = ReadingState.UNCHANGED
        words = reading.reason if isinstance(reading, Unreadable) else describe(reading)
        self.readings.append(Reading(label, text, words, state))
        return reading if state == ReadingState.FILLED else None

    def _fill(self, **values) -> None:
        """Put what was read in the fields: in what is saved, and in what the page shows
        again (a hand-typed value there, even a wrong one, is replaced)."""
        data = self.data.copy()
        for name, value in values.items():
            self.cleaned_data[name] = value
            self._errors.pop(name, None)
            field = self.fields[name]
            if isinstance(field, forms.BooleanField):
                if value:
                    data[name] = "on"
                else:
                    data.pop(name, None)
            elif value is None:
                data[name] = ""
            elif isinstance(field, MonthField):
                data[name] = value.strftime("%Y-%m")
            else:
                data[name] = str(value)
        self.data = data

    @property
    def unreadable(self) -> list[Reading]:
        return [r for r in self.readings if r.state == ReadingState.UNREADABLE]

    def to_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            **{name: data[name] for name in self.Meta.fields if name != "cases"},
            cases=list(data["cases"]),
        )


class ActivityFilterForm(forms.Form):
    """The GET filter of a team's activities; an invalid value is shown and left out.

    ``fit`` with ``first_year`` and ``last_year`` keeps the activities planned within
    those years, or crossing their border, or without a known period; with
    ``no_estimate`` those without an amount: the rows behind each figure of the team's
    estimates against its budget lines."""

    search = SearchField(label=_("Search in title, explanation and responsible"))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All states")), *ActivityStatus.choices]
    )
    fit = forms.ChoiceField(
        label=_("Planned"),
        required=False,
        choices=[
            ("", _("At any time")),
            (PeriodFit.WITHIN, _("Within the years below")),
            (PeriodFit.CROSSING, _("Across the border of the years below")),
            (PeriodFit.UNKNOWN, _("Without a known period")),
        ],
    )
    first_year = forms.IntegerField(
        label=_("From year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    last_year = forms.IntegerField(
        label=_("To year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    no_estimate = forms.BooleanField(label=_("Only without an estimated amount"), required=False)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if cleaned.get("fit") in (PeriodFit.WITHIN, PeriodFit.CROSSING) and (
            first is None or last is None
        ):
            self.add_error("first_year", _("Give the first and the last year."))
            cleaned.pop("fit", None)
        elif first is not None and last is not None and last < first:
            self.add_error("last_year", _("The last year cannot be before the first."))
            cleaned.pop("fit", None)
        return cleaned

    def selection(self) -> dict:
        """The filter's arguments for ``team_activity_rows`` (after ``is_valid``); what
        is invalid is left out."""
        data = getattr(self, "cleaned_data", {})
        first, last = data.get("first_year"), data.get("last_year")
        return {
            "search": data.get("search", ""),
            "status": data.get("status", ""),
            "fit": data.get("fit", ""),
            "years": (first, last) if first is not None and last is not None else None,
            "no_estimate": bool(data.get("no_estimate")),
        }


class PlanningImportForm(forms.Form):
    """The spreadsheet of a team's planning to import; the checks are the parser's."""

    file = forms.FileField(
        label=_("Spreadsheet of the planning (xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, limits: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            _(
                "The planning as downloaded here, changed in a spreadsheet program: at most "
                "%(megabytes)s MB and %(rows)s rows, one sheet, the header row as "
                "downloaded (in Dutch or English), no formulas and no macros. Rows without "
                "an ID are added; activities that are not in the sheet are removed. Nothing "
                "changes before you apply the preview."
            )
            % limits
        )
