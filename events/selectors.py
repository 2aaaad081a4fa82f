"""Reads of the events app."""

from django.shortcuts import get_object_or_404

from events.models import Event
from teams.models import Programme


def event_get(*, programme: Programme, slug: str) -> Event:
    """One event of the programme; 404 if there is none."""
    return get_object_or_404(Event, programme=programme, slug=slug)
