"""The forms of the workshop pages: they check the shape of the input; the services decide.

Date and time fields work without JavaScript: the browser's date-and-time picker where it
has one, otherwise a text field that takes "2022-03-14 10:00" or "14-03-2022 10:00".
Times are in the portal's time zone (Europe/Amsterdam).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from cases.models import Case
from citydeal.forms import DateInput
from citydeal.validators import LONG_TEXT_MAX_LENGTH, validate_multiline, validate_single_line
from teams.models import Goal, Team
from workshops.constants import NOTE_MAX_LENGTH

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValidationError(_("The text contains a null character."), code="null")
    return value


class DateTimeField(forms.DateTimeField):
    """A moment in Europe/Amsterdam: <input type="datetime-local">, or text as above."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {
        "invalid": _("Enter a date and time, e.g. 2022-03-14 10:00."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        super().__init__(**kwargs)


class TextArea(forms.CharField):
    def __init__(self, *, rows: int = 3, max_length: int = NOTE_MAX_LENGTH, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("validators", [validate_multiline])
        super().__init__(
            max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
        )

    def clean(self, value):
        return _no_nul(super().clean(value))


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return str(obj)


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Case) -> str:
        return obj.title


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.letter}. {obj.title}" if obj.letter else obj.title


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return obj.title


class SlotForm(forms.Form):
    """A workshop slot: what, when, where and for how many cases. ``teams`` are those the
    user may publish for; an edit or an answer to a request for help has its team fixed
    (``teams=None``) and the goals and activities of that team."""

    team = TeamChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    topic = forms.CharField(
        label=_("Topic"),
        max_length=100,
        validators=[validate_single_line],
        help_text=_("A short theme that case owners filter on, e.g. 'data' or 'participation'."),
    )
    start = DateTimeField(
        label=_("Start"),
        help_text=_("Date and time (Dutch time), e.g. 2022-03-14 10:00."),
    )
    end = DateTimeField(
        label=_("End"),
        help_text=_("Date and time (Dutch time), after the start, e.g. 2022-03-14 12:00."),
    )
    location = forms.CharField(
        label=_("Place or online link"), max_length=300, validators=[validate_single_line]
    )
    capacity = forms.IntegerField(
        label=_("Places (cases)"),
        min_value=1,
        max_value=1000,
        help_text=_("How many cases can take part."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = TextArea(
        label=_("Description"), rows=5, max_length=LONG_TEXT_MAX_LENGTH, required=False
    )
    goal = GoalChoiceField(
        label=_("Goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("(no particular goal)"),
    )
    activity = ActivityChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("(no particular activity)"),
    )
    request_deadline = forms.DateField(
        label=_("Requests until"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("The last day on which a case can ask for a place; empty: until the start."),
    )

    def __init__(self, *args, teams=None, team: Team | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is None:
            del self.fields["team"]
            scope = {"team": team}
        else:
            self.fields["team"].queryset = teams
            scope = {"team__in": teams}
        self.fields["goal"].queryset = (
            Goal.objects.filter(**scope).select_related("team").order_by("team__number", "order")
        )
        self.fields["activity"].queryset = (
            Activity.objects.filter(**scope)
            .select_related("team")
            .order_by("team__number", "order")
        )
        if teams is not None:
            # Several teams: say whose goal or activity it is.
            self.fields["goal"].label_from_instance = lambda goal: (
                f"{goal.team.code}: {goal.letter}. {goal.title}"
            )
            self.fields["activity"].label_from_instance = lambda activity: (
                f"{activity.team.code}: {activity.title}"
            )

    def clean_title(self):
        return _no_nul(self.cleaned_data["title"])

    def clean_topic(self):
        return _no_nul(self.cleaned_data["topic"])

    def clean_location(self):
        return _no_nul(self.cleaned_data["location"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must lie after the start."))
        return data

    def slot_fields(self) -> dict:
        """The keywords of ``slot_create`` / ``slot_update``, without the team."""
        return {name: value for name, value in self.cleaned_data.items() if name != "team"}


class AnswerSlotForm(SlotForm):
    """The answer to a request for help: a slot of the request's team and a word to the
    case."""

    answer = TextArea(
        label=_("Message to the case"),
        rows=3,
        help_text=_("Optional: what the case can expect, shown with the request for help."),
    )

    def slot_fields(self) -> dict:
        fields = super().slot_fields()
        fields.pop("answer", None)
        return fields


class BookingRequestForm(forms.Form):
    """A place for one of the user's cases, with the questions the case brings. On a full
    workshop the button says "join the waiting list" and sends ``waiting_list``."""

    case = CaseChoiceField(label=_("For the case"), queryset=Case.objects.none(), empty_label=None)
    questions = TextArea(
        label=_("Questions the case brings"),
        rows=4,
        max_length=LONG_TEXT_MAX_LENGTH,
        help_text=_("What the case wants to learn or discuss; the team reads it with the request."),
    )
    waiting_list = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases


class NoteForm(forms.Form):
    """The note with a step of a booking; the services say when it is required."""

    note = TextArea(label=_("Note"))


class ReportForm(forms.Form):
    report = TextArea(label=_("Short report"), rows=4, max_length=LONG_TEXT_MAX_LENGTH)


class ReasonForm(forms.Form):
    reason = TextArea(
        label=_("Reason"),
        required=True,
        help_text=_("The other side reads it in the mail and the trail."),
    )


class HelpRequestForm(forms.Form):
    team = TeamChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    case = CaseChoiceField(label=_("For the case"), queryset=Case.objects.none(), empty_label=None)
    question = TextArea(
        label=_("What does the case need help with?"),
        rows=5,
        max_length=LONG_TEXT_MAX_LENGTH,
        required=True,
    )
    when = forms.CharField(
        label=_("When"),
        required=False,
        max_length=100,
        validators=[validate_single_line],
        help_text=_("In your own words, e.g. 'Q1 2022' or 'before the summer'."),
    )

    def __init__(self, *args, teams, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["case"].queryset = cases

    def clean_when(self):
        return _no_nul(self.cleaned_data["when"])


class HelpCloseForm(forms.Form):
    answer = TextArea(
        label=_("Note"),
        help_text=_("Why the request is closed without a workshop (optional)."),
    )


class AgendaFilterForm(forms.Form):
    """The GET filter of the agenda; an invalid value is shown and left out."""

    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, *args, teams, topics, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.number, str(team)) for team in teams
        ]
        self.fields["topic"].choices = [("", _("All topics"))] + [(t, t) for t in topics]
        self.fields["month"].choices = [("", _("All months"))] + months
