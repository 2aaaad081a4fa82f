"""Reads of the activities app: one activity with what its page shows."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from activities.models import Activity
from cases.models import Case
from teams.models import Programme


def activity_get(*, programme: Programme, pk: int) -> Activity:
    """One activity of the programme with its team, goal and cases; 404 if there is none."""
    return get_object_or_404(
        Activity.objects.select_related("team", "goal").prefetch_related(
            Prefetch("cases", queryset=Case.objects.order_by("title"))
        ),
        pk=pk,
        team__programme=programme,
    )
