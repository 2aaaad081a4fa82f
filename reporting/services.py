"""The one write of the reporting app: taking a snapshot. Snapshots never change after."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from citydeal.services import ensure_allowed
from citydeal.validators import clean_text
from reporting.capture import VERSION, capture_items
from reporting.figures import as_data, dashboard_figures
from reporting.models import Snapshot
from reporting.permissions import can_take_snapshot
from teams.models import Programme


def snapshot_data(*, programme: Programme, now: datetime.datetime) -> dict:
    """The data a snapshot keeps: the dashboard's figures and the objects to compare.
    Also "the current state" that the last snapshot is compared with."""
    return {
        "figures": as_data(dashboard_figures(programme=programme, now=now)),
        "items": capture_items(programme=programme),
    }


@transaction.atomic
def snapshot_create(*, programme: Programme, by: User, title: str) -> Snapshot:
    """Freeze the programme's state as it is now, under ``title`` (one line, e.g.
    "Update directeurenoverleg 24 maart"). The figures and objects are read just before
    the row is written, in the same transaction; under PostgreSQL's default isolation a
    change committed between two of those reads can show in the later ones only."""
    ensure_allowed(can_take_snapshot(by))
    title = clean_text(title, field="title", required=True, max_length=200, multiline=False)
    now = timezone.now()
    snapshot = Snapshot(
        programme=programme,
        title=title,
        taken_at=now,
        taken_by=by,
        version=VERSION,
        data=snapshot_data(programme=programme, now=now),
    )
    snapshot.full_clean()
    snapshot.save()
    return snapshot
