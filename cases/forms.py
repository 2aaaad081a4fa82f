from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Municipality
from citydeal.forms import SearchField


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}


class CaseFilterForm(forms.Form):
    """The GET filter of the case list; an invalid value is shown and left out."""

    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("All municipalities"),
    )
    search = SearchField(label=_("Search in the title"))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.number, str(team)) for team in teams
        ]
