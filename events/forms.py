from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from citydeal.forms import DateInput, SearchField
from events.models import Event, EventKind
from teams.models import Programme, Team


class EventForm(forms.ModelForm):
    date = forms.DateField(
        label=capfirst(Event._meta.get_field("date").verbose_name),
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "date",
            "date_precision",
            "place",
            "description",
            "teams",
            "cases",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "teams": forms.CheckboxSelectMultiple,
            "cases": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["teams"].queryset = Team.objects.filter(programme=programme).order_by("number")
        self.fields["cases"].queryset = Case.objects.filter(programme=programme).order_by("title")


class EventFilterForm(forms.Form):
    """The GET filter of the event list; an invalid value is shown and left out."""

    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    search = SearchField(label=_("Search in the title"))

    def __init__(self, *args, teams: list[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.number, str(team)) for team in teams
        ]
