"""Reads of the programme and its teams: the current programme, a team, its goals."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from teams.constants import PROGRAMME_SLUG
from teams.models import Goal, Programme, Team


def programme_current() -> Programme:
    """The programme the portal shows (``PORTAL_PROGRAMME``, default the CDOR); 404 if absent."""
    slug = getattr(settings, "PORTAL_PROGRAMME", PROGRAMME_SLUG)
    return get_object_or_404(Programme, slug=slug)


def team_get(*, programme: Programme, number: int) -> Team:
    """The team with this number in the programme; 404 if there is none."""
    return get_object_or_404(
        Team.objects.select_related("programme"), programme=programme, number=number
    )


def team_goals(*, team: Team) -> list[Goal]:
    """The team's goals (doelstellingen / werkgroepen) in the plan's order."""
    return list(team.goals.order_by("order"))


def goal_get(*, team: Team, pk: int) -> Goal:
    """One goal of the team; 404 if the team has no goal with this key."""
    return get_object_or_404(Goal.objects.select_related("team"), team=team, pk=pk)
