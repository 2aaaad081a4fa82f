from citydeal.api.permissions import RulePermission, for_writes
from partners.permissions import can_edit_related_programme


class PartnerPermission(RulePermission):
    """Everyone with a role reads organisations and contacts (reference data, the admin's)."""


class RelatedProgrammePermission(RulePermission):
    """Everyone with a role reads them; the team lead of the row's team changes it."""

    object_rules = for_writes(can_edit_related_programme, "update", "partial_update")
