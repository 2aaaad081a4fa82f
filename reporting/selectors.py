"""Reads of the snapshots: the list, one snapshot, the one before it, and the changes
since the previous snapshot or since the last one up to now."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reporting.capture import capture_items
from reporting.changes import Change, changes_between
from reporting.models import Snapshot
from teams.models import Programme


def snapshot_rows(*, programme: Programme) -> QuerySet[Snapshot]:
    """The programme's snapshots, newest first, without their data (for a paged list)."""
    return (
        Snapshot.objects.filter(programme=programme)
        .select_related("taken_by")
        .defer("data")
        .order_by("-taken_at", "-pk")
    )


def snapshot_get(*, programme: Programme, pk: int) -> Snapshot:
    """One snapshot of the programme with its data; 404 if there is none."""
    return get_object_or_404(
        Snapshot.objects.select_related("taken_by"), programme=programme, pk=pk
    )


def snapshot_previous(snapshot: Snapshot) -> Snapshot | None:
    """The snapshot taken just before ``snapshot``, or None for the first."""
    return (
        Snapshot.objects.filter(programme_id=snapshot.programme_id)
        .filter(
            Q(taken_at__lt=snapshot.taken_at) | Q(taken_at=snapshot.taken_at, pk__lt=snapshot.pk)
        )
        .select_related("taken_by")
        .order_by("-taken_at", "-pk")
        .first()
    )


def snapshot_last(*, programme: Programme) -> Snapshot | None:
    return (
        Snapshot.objects.filter(programme=programme)
        .select_related("taken_by")
        .order_by("-taken_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Comparison:
    """What changed from ``older`` (None: nothing to compare with) to ``newer`` (None:
    the current state, at ``as_of``)."""

    older: Snapshot | None
    newer: Snapshot | None
    as_of: object
    changes: list[Change]


def changes_since_previous(snapshot: Snapshot) -> Comparison:
    """What changed from the previous snapshot to ``snapshot`` (none for the first)."""
    previous = snapshot_previous(snapshot)
    changes = [] if previous is None else changes_between(previous.data, snapshot.data)
    return Comparison(older=previous, newer=snapshot, as_of=snapshot.taken_at, changes=changes)


def changes_since_last(*, programme: Programme) -> Comparison:
    """What changed from the last snapshot up to now (none without a snapshot)."""
    last = snapshot_last(programme=programme)
    now = timezone.now()
    if last is None:
        return Comparison(older=None, newer=None, as_of=now, changes=[])
    current = {"items": capture_items(programme=programme)}
    return Comparison(
        older=last, newer=None, as_of=now, changes=changes_between(last.data, current)
    )
