"""Who may take which step on a spending request, and which steps a user has now.

The life cycle and its table are in ``spending.constants``; these rules say who may take
a step. Whether the request's state allows the step is the table's business, not theirs
(except for changing a request, which only drafts and returned requests allow).
``spending_actions_for`` asks both, and the page, the API and its schema show what it
answers.
"""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import (
    ALLOWED,
    Verdict,
    active,
    deny,
    is_core_team,
    is_director,
    is_team_lead,
    led_team_ids,
)
from spending.constants import EDITABLE_STATES, SpendingAction, target_state


def can_view_spending_pages(user) -> Verdict:
    """The spending pages and budget figures: the core team, directors and team leads."""
    if is_core_team(user) or is_director(user) or is_team_lead(user):
        return ALLOWED
    return deny(_("Only the core team, directors and team leads can see spending requests."))


def can_view_spending_queue(user) -> Verdict:
    """The approval queue with every team's requests: the core team and directors."""
    if is_core_team(user) or is_director(user):
        return ALLOWED
    return deny(_("Only the core team and directors can see the approval queue."))


def can_view_spending(user, request) -> Verdict:
    """One request: the core team, directors, the team leads of its team and its creator."""
    if is_core_team(user) or is_director(user):
        return ALLOWED
    if active(user) and (
        request.created_by_id == user.pk or request.budget_line.team_id in led_team_ids(user)
    ):
        return ALLOWED
    return deny(_("You can only see the spending requests of your own team."))


# Also the create page's refusal when the user has no budget line to ask money for.
CREATE_REFUSED = _("Only team leads and core team members can submit spending requests.")


def can_create_spending(user) -> Verdict:
    """Ask for money at all: team leads and core team members (which line is then
    ``can_submit_spending``, asked by the service)."""
    if is_core_team(user) or led_team_ids(user):
        return ALLOWED
    return deny(CREATE_REFUSED)


def can_submit_spending(user, budget_line) -> Verdict:
    """Ask for money against a budget line: the team leads of its team and the core team."""
    if is_core_team(user) or budget_line.team_id in led_team_ids(user):
        return ALLOWED
    return deny(
        _(
            "Only the team lead of %(team)s or a core team member can submit a spending "
            "request for this budget line."
        )
        % {"team": budget_line.team}
    )


def can_edit_spending(user, request) -> Verdict:
    """Change a request: its creator, while it is a draft or was returned."""
    if not active(user) or request.created_by_id != user.pk:
        return deny(_("Only the person who created this request can change it."))
    if request.state not in EDITABLE_STATES:
        return deny(_("Only drafts and returned requests can be changed."))
    return can_submit_spending(user, request.budget_line)


def can_change_spending(user, req) -> Verdict:
    """``can_edit_spending``, except that its creator passes whatever the state: a request
    that is no longer a draft is then refused by the service as a conflict (the API's 409)."""
    verdict = can_edit_spending(user, req)
    if not verdict and req.created_by_id == user.pk and not req.editable:
        return ALLOWED
    return verdict


def can_submit_spending_request(user, request) -> Verdict:
    """Submit a draft or returned request: its creator, while allowed to ask for its line."""
    if not active(user) or request.created_by_id != user.pk:
        return deny(_("Only the person who created this request can submit it."))
    return can_submit_spending(user, request.budget_line)


def can_decide_spending(user, request) -> Verdict:
    """Approve, reject or return: core team members, never on their own request (four eyes)."""
    if not is_core_team(user):
        return deny(_("Only core team members can decide on spending requests."))
    if user.pk in (request.submitted_by_id, request.created_by_id):
        return deny(_("You cannot decide on a request you submitted yourself."))
    return ALLOWED


def can_withdraw_spending(user, request) -> Verdict:
    """Withdraw a submitted request: the person who submitted it (before it is submitted,
    its creator: the table then says that only a submitted request can be withdrawn)."""
    if active(user) and user.pk == (request.submitted_by_id or request.created_by_id):
        return ALLOWED
    return deny(_("Only the person who submitted this request can withdraw it."))


def can_realise_spending(user, request) -> Verdict:
    """Record the actual amount of an approved request: core team members, never on a
    request they created or submitted themselves (four eyes, as for the decision)."""
    if not is_core_team(user):
        return deny(_("Only core team members can record what was actually spent."))
    if user.pk in (request.submitted_by_id, request.created_by_id):
        return deny(
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
    return deny(_("Only core team members can link a request to a decision."))


# The rule of each step of the life cycle.
STEP_RULES = {
    SpendingAction.SUBMIT: can_submit_spending_request,
    SpendingAction.APPROVE: can_decide_spending,
    SpendingAction.REJECT: can_decide_spending,
    SpendingAction.RETURN: can_decide_spending,
    SpendingAction.WITHDRAW: can_withdraw_spending,
    SpendingAction.REALISE: can_realise_spending,
}


def spending_actions_for(user, request) -> list[SpendingAction]:
    """The steps ``user`` can take on ``request`` now: its rule and the table both allow it."""
    return [
        action
        for action, rule in STEP_RULES.items()
        if target_state(request.state, action) is not None and rule(user, request)
    ]
