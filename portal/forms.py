"""The forms of the composed pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityStatus
from activities.selectors import OPEN_POINT_LABELS
from budgets.forms import DecisionForm
from citydeal.formatting import format_euro
from spending.constants import COMMITTED_STATES
from spending.models import SpendingRequest
from teams.models import Goal, Programme


class DecisionWithRequestsForm(DecisionForm):
    """A core team decision, and the approved spending requests it covers."""

    spending_requests = forms.ModelMultipleChoiceField(
        label=_("Approved spending requests"),
        help_text=_("Approved or realised requests that no decision covers yet."),
        queryset=SpendingRequest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        self.fields["spending_requests"].queryset = (
            SpendingRequest.objects.filter(
                budget_line__team__programme=programme,
                state__in=COMMITTED_STATES,
                decision__isnull=True,
            )
            .select_related("budget_line__team", "budget_line__period")
            .order_by("budget_line__team__number", "pk")
        )
        self.fields["spending_requests"].label_from_instance = lambda req: (
            f"{req.budget_line.team} — {req.title} ({format_euro(req.amount, decimals=True)})"
        )


class MonthField(forms.DateField):
    """A month, typed as 2022-03 (the browser's month picker) or 03-2022; the first day."""

    input_formats = ["%Y-%m", "%m-%Y"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        month = super().to_python(value)
        return month.replace(day=1) if month else month


# The goals of every team offered in one list up to this many (the plan has 16); beyond
# it, the goals of the chosen team only.
GOAL_CHOICES_LIMIT = 80


class PlanningFilterForm(forms.Form):
    """The GET filter of the programme timeline; an invalid value is shown and left out."""

    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    goal = forms.ModelChoiceField(
        label=_("Goal / work group"), required=False, queryset=Goal.objects.none()
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    open = forms.ChoiceField(
        label=_("Open point"),
        required=False,
        choices=[("", _("With or without open points")), *OPEN_POINT_LABELS.items()],
    )
    first = MonthField(label=_("From month"), required=False, help_text=_("For example 2022-01."))
    last = MonthField(label=_("To month"), required=False, help_text=_("For example 2022-12."))

    def __init__(self, *args, teams, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.number, str(team)) for team in teams
        ]
        goals = Goal.objects.filter(team__programme=programme)
        team_number = str(self.data.get("team") or "")
        if team_number.isdigit():
            goals = goals.filter(team__number=int(team_number))
        elif goals.count() > GOAL_CHOICES_LIMIT:
            # A list of every team's goals would be too long to read: a team first.
            goals = goals.none()
            self.fields["goal"].help_text = _("Choose a team first to filter by its goals.")
        self.fields["goal"].queryset = goals.select_related("team").order_by(
            "team__number", "order"
        )
        self.fields["goal"].label_from_instance = lambda goal: (
            f"{goal.team.code}: {goal.letter}. {goal.title}"
            if goal.letter
            else f"{goal.team.code}: {goal.title}"
        )
        self.fields["goal"].empty_label = _("All goals")
        self.fields["status"].choices = [("", _("Every status")), *ActivityStatus.choices]

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and last < first:
            self.add_error("last", _("The last month cannot lie before the first."))
        return data
