from django import forms

from partners.models import Contact, Organisation, RelatedProgramme
from partners.services import goal_letters_check


class RelatedProgrammeForm(forms.ModelForm):
    class Meta:
        model = RelatedProgramme
        fields = [
            "name",
            "knowledge_partner",
            "knowledge_partner_text",
            "subject",
            "goal_letters",
            "position",
            "contacts",
            "remark",
        ]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 4}),
            "remark": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["knowledge_partner"].queryset = Organisation.objects.order_by("name")
        self.fields["contacts"].queryset = Contact.objects.select_related("organisation").order_by(
            "name"
        )

    def clean_goal_letters(self):
        letters = self.cleaned_data["goal_letters"]
        goal_letters_check(team_id=self.instance.team_id, goal_letters=letters)
        return letters
