from citydeal.api.permissions import RulePermission, for_writes
from events.permissions import can_manage_events


class EventPermission(RulePermission):
    """Everyone with a role reads the events; the core team plans and changes them."""

    action_rules = for_writes(can_manage_events)
