from django import forms

from cases.models import Case


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}
