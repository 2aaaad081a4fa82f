from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from partners.selectors import related_programmes
from teams.models import Team
from teams.selectors import programme_current


class TeamFilterForm(forms.Form):
    """Narrow the partner list to one team; a plain GET form that works without JavaScript."""

    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, teams: list[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.number, str(team)) for team in teams
        ]


def partner_list_view(request):
    programme = programme_current()
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    form = TeamFilterForm(request.GET or None, teams=teams)
    number = form.cleaned_data["team"] if form.is_valid() else None
    selected = next((team for team in teams if team.number == number), None)
    return render(
        request,
        "partners/partner_list.html",
        {
            "programme": programme,
            "form": form,
            "selected_team": selected,
            "rows": related_programmes(programme=programme, team_number=number),
        },
    )
