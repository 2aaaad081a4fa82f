"""Every permission of the portal, as named rules that say whether and why.

Pages, API permission classes, the admin and templates ask these rules; none of
them repeats the logic. A rule returns a ``Verdict``: truthy when allowed, and
otherwise carrying the reason the user sees as the 403 message.

Who may do what (the brief):
- every user with a role reads the programme pages; directors read and change nothing;
- team leads change only their own team's goals, activities, planning and partners;
- case owners change only their own cases;
- the core team manages budget lines, the budget space, decisions and events;
- the functional admin works in the Django admin.
"""

from dataclasses import dataclass

import rules
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from spending.constants import EDITABLE_STATES


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def _deny(reason) -> Verdict:
    return Verdict(False, str(reason))


# -- predicates on the user alone (cached on the user object for one request) --------


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def has_any_role(user) -> bool:
    return _active(user) and (user.is_superuser or any(user.has_role(role) for role in Role))


@rules.predicate
def is_core_team(user) -> bool:
    return _active(user) and user.has_role(Role.CORE_TEAM)


@rules.predicate
def is_functional_admin(user) -> bool:
    return (
        _active(user)
        and user.is_staff
        and (user.is_superuser or user.has_role(Role.FUNCTIONAL_ADMIN))
    )


def led_team_ids(user) -> frozenset[int]:
    if not _active(user) or not user.has_role(Role.TEAM_LEAD):
        return frozenset()
    ids = getattr(user, "_led_team_ids", None)
    if ids is None:
        ids = frozenset(user.led_teams.values_list("pk", flat=True))
        user._led_team_ids = ids
    return ids


def owned_case_ids(user) -> frozenset[int]:
    if not _active(user) or not user.has_role(Role.CASE_OWNER):
        return frozenset()
    ids = getattr(user, "_owned_case_ids", None)
    if ids is None:
        ids = frozenset(user.owned_cases.values_list("pk", flat=True))
        user._owned_case_ids = ids
    return ids


@rules.predicate
def leads_team(user, team) -> bool:
    return team is not None and team.pk in led_team_ids(user)


@rules.predicate
def owns_case(user, case) -> bool:
    return case is not None and case.pk in owned_case_ids(user)


# -- the rules --------------------------------------------------------------------------


def can_view_portal(user) -> Verdict:
    """Read the programme pages: any active user with a role."""
    if has_any_role(user):
        return ALLOWED
    return _deny(_("Your account has no role in the portal yet. Ask the functional admin."))


def can_edit_team_content(user, team) -> Verdict:
    """Change a team's goals, activities, planning and partners: its own team lead only."""
    if leads_team(user, team):
        return ALLOWED
    return _deny(_("Only the team lead of %(team)s can change this.") % {"team": team})


def can_edit_goal(user, goal) -> Verdict:
    return can_edit_team_content(user, goal.team)


def can_add_activity(user, team) -> Verdict:
    return can_edit_team_content(user, team)


def can_edit_activity(user, activity) -> Verdict:
    return can_edit_team_content(user, activity.team)


def can_edit_related_programme(user, related_programme) -> Verdict:
    return can_edit_team_content(user, related_programme.team)


def can_edit_case(user, case) -> Verdict:
    """Change a case's description and questions: its own case owners only."""
    if owns_case(user, case):
        return ALLOWED
    return _deny(_("Only the owner of the case '%(case)s' can change it.") % {"case": case})


def can_manage_budget(user) -> Verdict:
    """Set budget lines and the budget space: the core team only."""
    if is_core_team(user):
        return ALLOWED
    return _deny(_("Only core team members can change budget lines and the budget space."))


def can_manage_decisions(user) -> Verdict:
    if is_core_team(user):
        return ALLOWED
    return _deny(_("Only core team members can record decisions."))


def can_manage_events(user) -> Verdict:
    if is_core_team(user):
        return ALLOWED
    return _deny(_("Only core team members can plan programme events."))


def can_manage_reference_data(user) -> Verdict:
    """Municipalities, organisations and contact persons: the functional admin, who keeps
    the reference data, and the core team."""
    if is_functional_admin(user) or is_core_team(user):
        return ALLOWED
    return _deny(_("Only the functional admin or a core team member can change reference data."))


def can_assign_roles(user) -> Verdict:
    """Give users their roles, team lead and case owner links included: the functional
    admin."""
    if is_functional_admin(user):
        return ALLOWED
    return _deny(_("Only the functional admin can assign roles."))


def can_use_admin(user) -> Verdict:
    """The Django admin: the functional admin (staff) only."""
    if _active(user) and user.is_staff:
        return ALLOWED
    return _deny(_("Only the functional admin can use the admin."))


def can_revoke_api_tokens(user, owner) -> Verdict:
    """End API tokens: one's own, or anyone's for the functional admin."""
    if _active(user) and (user.pk == owner.pk or is_functional_admin(user)):
        return ALLOWED
    return _deny(_("Only the owner of the tokens and the functional admin can revoke them."))


def can_view_history(user, obj=None) -> Verdict:
    return can_view_portal(user)


def can_view_audit_trail(user) -> Verdict:
    """Read the trail of role assignments: the functional admin and the core team."""
    if is_functional_admin(user) or is_core_team(user):
        return ALLOWED
    return _deny(_("Only the functional admin and the core team can read this trail."))


# -- spending requests -----------------------------------------------------------------
# The life cycle and its table are in spending.constants; these rules say who may take a
# step. Whether the request's state allows the step is the table's business, not theirs
# (except for changing a request, which only drafts and returned requests allow).


def _is_director(user) -> bool:
    return _active(user) and user.has_role(Role.DIRECTOR)


def _is_team_lead(user) -> bool:
    return _active(user) and user.has_role(Role.TEAM_LEAD)


def can_view_spending_pages(user) -> Verdict:
    """The spending pages and budget figures: the core team, directors and team leads."""
    if is_core_team(user) or _is_director(user) or _is_team_lead(user):
        return ALLOWED
    return _deny(_("Only the core team, directors and team leads can see spending requests."))


def can_view_spending_queue(user) -> Verdict:
    """The approval queue with every team's requests: the core team and directors."""
    if is_core_team(user) or _is_director(user):
        return ALLOWED
    return _deny(_("Only the core team and directors can see the approval queue."))


def can_view_spending(user, request) -> Verdict:
    """One request: the core team, directors, the team leads of its team and its creator."""
    if is_core_team(user) or _is_director(user):
        return ALLOWED
    if _active(user) and (
        request.created_by_id == user.pk or request.budget_line.team_id in led_team_ids(user)
    ):
        return ALLOWED
    return _deny(_("You can only see the spending requests of your own team."))


def can_submit_spending(user, budget_line) -> Verdict:
    """Ask for money against a budget line: the team leads of its team and the core team."""
    if is_core_team(user) or budget_line.team_id in led_team_ids(user):
        return ALLOWED
    return _deny(
        _(
            "Only the team lead of %(team)s or a core team member can submit a spending "
            "request for this budget line."
        )
        % {"team": budget_line.team}
    )


def can_edit_spending(user, request) -> Verdict:
    """Change a request: its creator, while it is a draft or was returned."""
    if not _active(user) or request.created_by_id != user.pk:
        return _deny(_("Only the person who created this request can change it."))
    if request.state not in EDITABLE_STATES:
        return _deny(_("Only drafts and returned requests can be changed."))
    return can_submit_spending(user, request.budget_line)


def can_submit_spending_request(user, request) -> Verdict:
    """Submit a draft or returned request: its creator, while allowed to ask for its line."""
    if not _active(user) or request.created_by_id != user.pk:
        return _deny(_("Only the person who created this request can submit it."))
    return can_submit_spending(user, request.budget_line)


def can_decide_spending(user, request) -> Verdict:
    """Approve, reject or return: core team members, never on their own request (four eyes)."""
    if not is_core_team(user):
        return _deny(_("Only core team members can decide on spending requests."))
    if user.pk in (request.submitted_by_id, request.created_by_id):
        return _deny(_("You cannot decide on a request you submitted yourself."))
    return ALLOWED


def can_withdraw_spending(user, request) -> Verdict:
    """Withdraw a submitted request: the person who submitted it (before it is submitted,
    its creator: the table then says that only a submitted request can be withdrawn)."""
    if _active(user) and user.pk == (request.submitted_by_id or request.created_by_id):
        return ALLOWED
    return _deny(_("Only the person who submitted this request can withdraw it."))


def can_realise_spending(user, request) -> Verdict:
    """Record the actual amount of an approved request: core team members, never on a
    request they created or submitted themselves (four eyes, as for the decision)."""
    if not is_core_team(user):
        return _deny(_("Only core team members can record what was actually spent."))
    if user.pk in (request.submitted_by_id, request.created_by_id):
        return _deny(
            _(
                "You cannot record what was spent on a request you created or submitted "
                "yourself: another core team member does that."
            )
        )
    return ALLOWED


def can_link_spending_decision(user, request=None) -> Verdict:
    """Link an approved request to a core team decision: core team members."""
    if is_core_team(user):
        return ALLOWED
    return _deny(_("Only core team members can link a request to a decision."))


# The same rules, by name, for templates ({% test_rule %}) and has_perm-style checks.
RULES = {
    "view_portal": lambda user, obj=None: bool(can_view_portal(user)),
    "edit_team_content": lambda user, team: bool(can_edit_team_content(user, team)),
    "edit_goal": lambda user, goal: bool(can_edit_goal(user, goal)),
    "add_activity": lambda user, team: bool(can_add_activity(user, team)),
    "edit_activity": lambda user, activity: bool(can_edit_activity(user, activity)),
    "edit_related_programme": lambda user, rp: bool(can_edit_related_programme(user, rp)),
    "edit_case": lambda user, case: bool(can_edit_case(user, case)),
    "manage_budget": lambda user, obj=None: bool(can_manage_budget(user)),
    "manage_decisions": lambda user, obj=None: bool(can_manage_decisions(user)),
    "manage_events": lambda user, obj=None: bool(can_manage_events(user)),
    "view_audit_trail": lambda user, obj=None: bool(can_view_audit_trail(user)),
    "use_admin": lambda user, obj=None: bool(can_use_admin(user)),
    "view_spending_pages": lambda user, obj=None: bool(can_view_spending_pages(user)),
    "view_spending_queue": lambda user, obj=None: bool(can_view_spending_queue(user)),
    "view_spending": lambda user, request: bool(can_view_spending(user, request)),
    "submit_spending": lambda user, line: bool(can_submit_spending(user, line)),
    "submit_spending_request": lambda user, request: bool(
        can_submit_spending_request(user, request)
    ),
    "edit_spending": lambda user, request: bool(can_edit_spending(user, request)),
    "decide_spending": lambda user, request: bool(can_decide_spending(user, request)),
    "withdraw_spending": lambda user, request: bool(can_withdraw_spending(user, request)),
    "realise_spending": lambda user, request: bool(can_realise_spending(user, request)),
    "link_spending_decision": lambda user, request=None: bool(
        can_link_spending_decision(user, request)
    ),
}
for _name, _rule in RULES.items():
    rules.add_rule(_name, rules.predicate(_rule))
