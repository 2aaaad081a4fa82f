from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetLine, BudgetSpace, Decision
from citydeal.forms import DateInput
from citydeal.money import MoneyField
from events.models import Event
from teams.models import Programme


class BudgetLineForm(forms.ModelForm):
    amount = MoneyField(label=capfirst(BudgetLine._meta.get_field("amount").verbose_name))

    class Meta:
        model = BudgetLine
        fields = ["amount", "main_activities"]
        widgets = {"main_activities": forms.Textarea(attrs={"rows": 6})}


class BudgetSpaceForm(forms.ModelForm):
    amount_min = MoneyField(
        label=capfirst(BudgetSpace._meta.get_field("amount_min").verbose_name),
        required=False,
        help_text=_("Leave empty when the plan names no amount."),
    )
    amount_max = MoneyField(
        label=capfirst(BudgetSpace._meta.get_field("amount_max").verbose_name), required=False
    )

    class Meta:
        model = BudgetSpace
        fields = ["amount_min", "amount_max", "carries_over", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The maximum cannot be lower than the minimum."))
        return data


class DecisionForm(forms.ModelForm):
    """A decision of the core team; reference and programme are filled in by the service."""

    date = forms.DateField(
        label=capfirst(Decision._meta.get_field("date").verbose_name),
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )

    class Meta:
        model = Decision
        fields = ["date", "meeting", "text", "event", "budget_lines"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "budget_lines": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["event"].queryset = Event.objects.filter(programme=programme).order_by(
            "-date", "title"
        )
        self.fields["budget_lines"].queryset = (
            BudgetLine.objects.filter(team__programme=programme)
            .select_related("team", "period")
            .order_by("period__start_year", "team__number")
        )
        self.fields["budget_lines"].label_from_instance = lambda line: (
            f"{line.team} — {line.period.label}"
        )
        self.fields["event"].label_from_instance = lambda event: (
            f"{event.date:%d-%m-%Y} — {event.title}"
        )
