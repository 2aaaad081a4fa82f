"""The portal-wide rules: reading the portal, the admin, the history.

Each app keeps its own rules in its ``permissions.py`` (teams, activities, cases,
partners, budgets, events, spending, accounts), built from ``citydeal.verdicts``. Pages,
API permission classes, the admin and templates ask those rules; none of them repeats
the logic.

Who may do what (the brief):
- every user with a role reads the programme pages; directors read and change nothing;
- team leads change only their own team's goals, activities, planning and partners;
- case owners change only their own cases;
- the core team manages budget lines, the budget space, decisions and events;
- the functional admin works in the Django admin.
"""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import (
    ALLOWED,
    Verdict,
    active,
    deny,
    has_any_role,
    is_core_team,
    is_functional_admin,
)


def can_view_portal(user) -> Verdict:
    """Read the programme pages: any active user with a role."""
    if has_any_role(user):
        return ALLOWED
    return deny(_("Your account has no role in the portal yet. Ask the functional admin."))


def can_manage_reference_data(user) -> Verdict:
    """Municipalities, organisations and contact persons: the functional admin, who keeps
    the reference data, and the core team."""
    if is_functional_admin(user) or is_core_team(user):
        return ALLOWED
    return deny(_("Only the functional admin or a core team member can change reference data."))


def can_assign_roles(user) -> Verdict:
    """Give users their roles, team lead and case owner links included: the functional
    admin."""
    if is_functional_admin(user):
        return ALLOWED
    return deny(_("Only the functional admin can assign roles."))


def can_use_admin(user) -> Verdict:
    """The Django admin: the functional admin (staff) only."""
    if active(user) and user.is_staff:
        return ALLOWED
    return deny(_("Only the functional admin can use the admin."))


def can_view_history(user, obj=None) -> Verdict:
    return can_view_portal(user)


def can_edit_reading(user, reading=None) -> Verdict:
    """Reword the portal's reading of the plan: the functional admin, who keeps the
    reference data. The plan's own words stay as the plan has them, for everyone."""
    if is_functional_admin(user):
        return ALLOWED
    return deny(_("Only the functional admin can change the portal's readings of the plan."))
