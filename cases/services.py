"""Writes of the cases app: a case owner keeps the case's description and contact current."""

from django.db import transaction

from accounts.models import User
from cases.models import Case
from cases.permissions import can_edit_case
from citydeal.historical import save_with_history
from citydeal.services import assign, ensure_allowed


@transaction.atomic
def case_update(*, case: Case, by: User, description: str, contact: str) -> Case:
    """Change the case's description and questions, and its contact."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    ensure_allowed(can_edit_case(by, case))
    if assign(case, description=description.strip(), contact=contact.strip()):
        case.full_clean()
        save_with_history(case, by=by)
    return case
