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

from citydeal.verdicts import ALLOWED, Verdict, active, deny, has_any_role


def can_view_portal(user) -> Verdict:
    """Read the programme pages: any active user with a role."""
    if has_any_role(user):
        return ALLOWED
    return deny(_("Your account has no role in the portal yet. Ask the functional admin."))


def can_use_admin(user) -> Verdict:
    """The Django admin: the functional admin (staff) only."""
    if active(user) and user.is_staff:
        return ALLOWED
    return deny(_("Only the functional admin can use the admin."))


def can_view_history(user, obj=None) -> Verdict:
    return can_view_portal(user)
