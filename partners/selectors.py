"""Reads of the related national programmes (the teams' partner tables)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from partners.models import Contact, RelatedProgramme
from teams.models import Programme, Team


def related_programmes(
    *, programme: Programme, team: Team | None = None, team_number: int | None = None
) -> list[RelatedProgramme]:
    """The related national programmes, in team and plan order; two queries.

    ``team`` or ``team_number`` narrows the list to one team.
    """
    rows = RelatedProgramme.objects.filter(team__programme=programme)
    if team is not None:
        rows = rows.filter(team=team)
    if team_number is not None:
        rows = rows.filter(team__number=team_number)
    return list(
        rows.select_related("team", "knowledge_partner")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.select_related("organisation"))
        )
        .order_by("team__number", "order")
    )


def related_programme_get(*, programme: Programme, pk: int) -> RelatedProgramme:
    """One row of a team's table of related programmes, with its partner and contacts."""
    return get_object_or_404(
        RelatedProgramme.objects.select_related("team", "knowledge_partner").prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.select_related("organisation"))
        ),
        pk=pk,
        team__programme=programme,
    )
