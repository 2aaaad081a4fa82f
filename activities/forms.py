from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityStatus
from activities.services import ActivityInput
from cases.models import Case
from citydeal.forms import MonthField, SearchField
from citydeal.money import MoneyField
from teams.models import Team


def _label(name: str) -> str:
    return Activity._meta.get_field(name).verbose_name


class ActivityForm(forms.ModelForm):
    """An activity of the team's planning table; goals and cases of the team's programme."""

    start_month = MonthField(label=_label("start_month"), required=False)
    end_month = MonthField(label=_label("end_month"), required=False)
    estimate_min = MoneyField(label=_label("estimate_min"), required=False)
    estimate_max = MoneyField(label=_label("estimate_max"), required=False)

    class Meta:
        model = Activity
        fields = [
            "title",
            "goal",
            "explanation",
            "result",
            "responsible",
            "status",
            "planning_label",
            "planning_kind",
            "start_month",
            "end_month",
            "estimate_text",
            "estimate_min",
            "estimate_max",
            "estimate_doubtful",
            "note",
            "cases",
        ]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "cases": forms.CheckboxSelectMultiple,
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

    def to_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            **{name: data[name] for name in self.Meta.fields if name != "cases"},
            cases=list(data["cases"]),
        )


class ActivityFilterForm(forms.Form):
    """The GET filter of a team's activities; an invalid value is shown and left out."""

    search = SearchField(label=_("Search in title, explanation and responsible"))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All states")), *ActivityStatus.choices]
    )
