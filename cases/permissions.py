"""Who may change a case: its own case owners."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, owned_case_ids


def owns_case(user, case) -> bool:
    return case is not None and case.pk in owned_case_ids(user)


def can_edit_case(user, case) -> Verdict:
    """Change a case's description and questions: its own case owners only."""
    if owns_case(user, case):
        return ALLOWED
    return deny(_("Only the owner of the case '%(case)s' can change it.") % {"case": case})
