from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from citydeal.api.filters import SearchFilterSet
from partners.models import Contact, Organisation, PartnerPosition, RelatedProgramme
from teams.models import Team


class OrganisationFilter(SearchFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Organisation
        fields = []


class ContactFilter(SearchFilterSet):
    search_fields = ("name", "email")
    organisation = filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("Organisation (id)")
    )

    class Meta:
        model = Contact
        fields = ["organisation"]


class RelatedProgrammeFilter(SearchFilterSet):
    search_fields = ("name", "knowledge_partner_text", "subject", "remark")
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("Team (id)"))
    knowledge_partner = filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("Knowledge partner (id)")
    )
    position = filters.ChoiceFilter(choices=PartnerPosition.choices)

    class Meta:
        model = RelatedProgramme
        fields = ["team", "knowledge_partner", "position"]
