from django import forms

from cases.models import Case
from citydeal.forms import DateInput
from events.models import Event
from teams.models import Programme, Team


class EventForm(forms.ModelForm):
    date = forms.DateField(
        label=Event._meta.get_field("date").verbose_name,
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
