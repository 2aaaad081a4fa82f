"""Reads of the related national programmes (the teams' partner tables)."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import Contact, RelatedProgramme
from teams.models import Programme, Team


def _contacts() -> Prefetch:
    return Prefetch("contacts", queryset=Contact.objects.select_related("organisation"))


def related_programme_rows(
    *, programme: Programme, team_number: int | None = None, search: str = ""
) -> QuerySet[RelatedProgramme]:
    """The related national programmes in team and plan order, with their team, partner and
    contacts (one query more); ``team_number`` narrows them to one team, ``search`` to
    those whose name, subject or knowledge partner has the words. For a paged list."""
    rows = RelatedProgramme.objects.filter(team__programme=programme)
    if team_number is not None:
        rows = rows.filter(team__number=team_number)
    if search:
        rows = rows.filter(
            Q(name__icontains=search)
            | Q(subject__icontains=search)
            | Q(knowledge_partner__name__icontains=search)
            | Q(knowledge_partner_text__icontains=search)
        )
    return (
        rows.select_related("team", "knowledge_partner")
        .prefetch_related(_contacts())
        .order_by("team__number", "order", "pk")
    )


def related_programmes(
    *, programme: Programme, team: Team, limit: int | None = None
) -> list[RelatedProgramme]:
    """The team's related national programmes in plan order (the first ``limit``); two
    queries."""
    rows = (
        RelatedProgramme.objects.filter(team__programme=programme, team=team)
        .select_related("team", "knowledge_partner")
        .prefetch_related(_contacts())
        .order_by("order", "pk")
    )
    return list(rows if limit is None else rows[:limit])


def related_programme_get(*, programme: Programme, pk: int) -> RelatedProgramme:
    """One row of a team's table of related programmes, with its partner and contacts."""
    return get_object_or_404(
        RelatedProgramme.objects.select_related("team", "knowledge_partner").prefetch_related(
            _contacts()
        ),
        pk=pk,
        team__programme=programme,
    )
