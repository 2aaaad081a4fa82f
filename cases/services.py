"""Writes of the cases app: a case owner keeps the case's description and contact current."""

from django.db import transaction

from accounts.models import User
from cases.models import Case, Municipality
from cases.permissions import can_edit_case
from citydeal.historical import save_with_history
from citydeal.permissions import can_assign_roles, can_manage_reference_data
from citydeal.services import assign, ensure_allowed, links_differ


@transaction.atomic
def case_update(*, case: Case, by: User, description: str, contact: str) -> Case:
    """Change the case's description and questions, and its contact."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_allowed(can_edit_case(by, case))
    if assign(case, description=description.strip(), contact=contact.strip()):
        case.full_clean()
        save_with_history(case, by=by)
    return case


@transaction.atomic
def municipality_save(*, municipality: Municipality | None, by: User, name: str) -> Municipality:
    """Add a municipality (``municipality`` None) or rename one: reference data."""
    ensure_allowed(can_manage_reference_data(by))
    if municipality is None:
        municipality = Municipality()
    else:
        municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if assign(municipality, name=name.strip()) or municipality.pk is None:
        municipality.full_clean()
        municipality.save()
    return municipality


@transaction.atomic
def case_owners_set(*, case: Case, by: User, owners: list[User]) -> Case:
    """Make ``owners`` the case's owners (a role link, kept in the role trail too)."""
    ensure_allowed(can_assign_roles(by))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if links_differ(case, owners=owners):
        save_with_history(case, by=by, links={"owners": owners})
    return case
