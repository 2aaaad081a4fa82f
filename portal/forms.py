"""The forms of the composed pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.forms import DecisionForm
from citydeal.formatting import format_euro
from spending.constants import COMMITTED_STATES
from spending.models import SpendingRequest
from teams.models import Programme


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
