from django import forms

from teams.models import Goal


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["letter", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
