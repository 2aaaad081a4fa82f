from citydeal.api.permissions import RulePermission, for_writes
from reporting.permissions import can_take_snapshot, can_view_snapshots


class SnapshotPermission(RulePermission):
    """The core team and directors read the snapshots; the core team takes them."""

    read_rule = staticmethod(can_view_snapshots)
    action_rules = for_writes(can_take_snapshot, "create")
