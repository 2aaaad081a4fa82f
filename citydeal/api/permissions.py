"""The API asks the portal's named rules (``citydeal.permissions``), as the pages do.

A refusal carries the rule's reason, which DRF sends as the 403 message; an anonymous
request gets 401 from DRF before any rule is asked.
"""

from collections.abc import Callable, Mapping
from typing import Any

from rest_framework.permissions import BasePermission

from citydeal.permissions import can_view_portal
from citydeal.verdicts import Verdict

UserRule = Callable[[Any], Verdict]
ObjectRule = Callable[[Any, Any], Verdict]


class RulePermission(BasePermission):
    """Reading needs ``read_rule(user)``; an action in ``action_rules`` also needs that
    rule (asked before the body is read, so a refused write never gets as far as a 400),
    and an action in ``object_rules`` needs ``rule(user, obj)`` on the object it is for.

    The services ask the same rules again when they write: the API cannot let through
    what a page would refuse, even if a class here were wrong.
    """

    read_rule: UserRule = staticmethod(can_view_portal)
    action_rules: Mapping[str, UserRule] = {}
    object_rules: Mapping[str, ObjectRule] = {}

    def _allow(self, verdict: Verdict) -> bool:
        if not verdict:
            self.message = verdict.reason
            return False
        return True

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not self._allow(self.read_rule(user)):
            return False
        rule = self.action_rules.get(getattr(view, "action", None) or "")
        return rule is None or self._allow(rule(user))

    def has_object_permission(self, request, view, obj) -> bool:
        rule = self.object_rules.get(getattr(view, "action", None) or "")
        return rule is None or self._allow(rule(request.user, obj))


def for_writes(rule, *actions: str) -> dict:
    """``{action: rule}`` for the given actions (by default the three write actions)."""
    return dict.fromkeys(actions or ("create", "update", "partial_update"), rule)
