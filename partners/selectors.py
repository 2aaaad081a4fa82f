"""Reads of the partner network: the related national programmes (the teams' partner
tables), the organisations and the teams they work with, their contacts, and a search."""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import Contact, Organisation, RelatedProgramme
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


# -- the partner network: organisations and the teams they work with ----------------------


def organisation_rows(*, search: str = "") -> QuerySet[Organisation]:
    """Every organisation by name (``search`` narrows them to names with the words), for a
    paged list; the teams of a page come from ``organisation_teams``."""
    rows = Organisation.objects.all()
    if search:
        rows = rows.filter(name__icontains=search)
    return rows.order_by("name", "pk")


def _contact_programmes(programme: Programme) -> Prefetch:
    """A contact's related programmes of the programme, with their team, as
    ``programmes``."""
    return Prefetch(
        "related_programmes",
        queryset=RelatedProgramme.objects.filter(team__programme=programme)
        .select_related("team", "knowledge_partner")
        .order_by("team__number", "order", "pk"),
        to_attr="programmes",
    )


def _related_via_contacts(organisation_ids) -> QuerySet:
    """The links (related programme, contact) of the contacts of these organisations."""
    return RelatedProgramme.contacts.through.objects.filter(
        contact__organisation_id__in=organisation_ids
    )


def organisation_teams(
    *, programme: Programme, organisations: list[Organisation]
) -> dict[int, list[Team]]:
    """The teams of the programme each organisation works with, in team order, by the
    organisation's key: the teams of the related programmes it is the knowledge partner
    of, and of those that name one of its contacts. Two queries, whatever the number of
    organisations."""
    ids = [organisation.pk for organisation in organisations]
    if not ids:
        return {}
    as_partner = RelatedProgramme.objects.filter(
        team__programme=programme, knowledge_partner_id__in=ids
    ).values_list("knowledge_partner_id", "team_id")
    via_contacts = (
        _related_via_contacts(ids)
        .filter(relatedprogramme__team__programme=programme)
        .values_list("contact__organisation_id", "relatedprogramme__team_id")
    )
    # A compound query takes no ORDER BY in its parts (SQLite).
    pairs = set(as_partner.order_by().union(via_contacts.order_by()))
    teams = Team.objects.in_bulk({team_id for _organisation_id, team_id in pairs})
    by_organisation: dict[int, list[Team]] = {pk: [] for pk in ids}
    for organisation_id, team_id in pairs:
        by_organisation[organisation_id].append(teams[team_id])
    for found in by_organisation.values():
        found.sort(key=lambda team: team.number)
    return by_organisation


def organisation_get(*, pk: int) -> Organisation:
    """One organisation; 404 if there is none with this key."""
    return get_object_or_404(Organisation, pk=pk)


def organisation_related_programmes(
    *, programme: Programme, organisation: Organisation
) -> list[RelatedProgramme]:
    """The programme's related programmes the organisation takes part in, in team and plan
    order: as their knowledge partner, or through one of its contacts; with their team,
    partner and contacts (two queries). Each row says how: ``as_partner``, and
    ``via_contacts``, the organisation's contacts it names."""
    via_contacts = _related_via_contacts([organisation.pk]).values("relatedprogramme_id")
    rows = list(
        RelatedProgramme.objects.filter(team__programme=programme)
        .filter(Q(knowledge_partner=organisation) | Q(pk__in=via_contacts))
        .select_related("team", "knowledge_partner")
        .prefetch_related(_contacts())
        .order_by("team__number", "order", "pk")
    )
    for row in rows:
        row.as_partner = row.knowledge_partner_id == organisation.pk
        row.via_contacts = [
            contact for contact in row.contacts.all() if contact.organisation_id == organisation.pk
        ]
    return rows


def organisation_contacts(*, programme: Programme, organisation: Organisation) -> list[Contact]:
    """The organisation's contact persons by name: those of the organisation, and those
    without one who are named on a related programme it is the knowledge partner of (the
    plans often name only a surname). Each with ``programmes``: the related programmes of
    the programme they are the contact for, with their team (two queries)."""
    named_on_its_rows = RelatedProgramme.contacts.through.objects.filter(
        relatedprogramme__team__programme=programme,
        relatedprogramme__knowledge_partner=organisation,
        contact__organisation__isnull=True,
    ).values("contact_id")
    return list(
        Contact.objects.filter(Q(organisation=organisation) | Q(pk__in=named_on_its_rows))
        .prefetch_related(_contact_programmes(programme))
        .order_by("name", "pk")
    )


def teams_of(rows: list[RelatedProgramme]) -> list[Team]:
    """The teams of these related programmes, each once, in team order (no query)."""
    teams = {row.team.pk: row.team for row in rows}
    return sorted(teams.values(), key=lambda team: team.number)


# -- one search across the partner network -----------------------------------------------

# The least a search needs, and how many hits a group shows.
SEARCH_MIN_LENGTH = 2
SEARCH_GROUP_SIZE = 10

_TEAM_NUMBER = re.compile(r"^(?:ot)?\s*([0-9]{1,4})$", re.IGNORECASE)


def search_is_long_enough(query: str) -> bool:
    """At least ``SEARCH_MIN_LENGTH`` characters, or a team's number ("5")."""
    return len(query) >= SEARCH_MIN_LENGTH or query.isdecimal()


@dataclass(frozen=True)
class SearchGroup:
    """The first hits of one kind, and how many there are in all."""

    rows: list
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


@dataclass(frozen=True)
class PartnerSearch:
    teams: SearchGroup
    related_programmes: SearchGroup
    organisations: SearchGroup
    # None when the user may not see contact persons.
    contacts: SearchGroup | None

    @property
    def count(self) -> int:
        groups = [self.teams, self.related_programmes, self.organisations, self.contacts]
        return sum(group.count for group in groups if group is not None)


def _group(rows: QuerySet, limit: int) -> SearchGroup:
    return SearchGroup(rows=list(rows[:limit]), count=rows.count())


def partner_search(
    *,
    programme: Programme,
    query: str,
    with_contacts: bool,
    limit: int = SEARCH_GROUP_SIZE,
) -> PartnerSearch:
    """Teams (name, short name, number: "5" or "OT5"), related programmes (name, partner,
    subject), organisations (name) and, ``with_contacts``, contact persons (name, e-mail,
    organisation) whose text contains ``query``, matched in the database; the first
    ``limit`` of each kind and their count. Two queries a kind (three for contacts)."""
    in_team = Q(name__icontains=query) | Q(short_name__icontains=query)
    number = _TEAM_NUMBER.match(query)
    if number:
        in_team |= Q(number=int(number.group(1)))
    teams = Team.objects.filter(in_team, programme=programme).order_by("number")
    related = (
        RelatedProgramme.objects.filter(team__programme=programme)
        .filter(
            Q(name__icontains=query)
            | Q(knowledge_partner_text__icontains=query)
            | Q(knowledge_partner__name__icontains=query)
            | Q(subject__icontains=query)
        )
        .select_related("team", "knowledge_partner")
        .order_by("team__number", "order", "pk")
    )
    organisations = Organisation.objects.filter(name__icontains=query).order_by("name", "pk")
    contacts = None
    if with_contacts:
        rows = (
            Contact.objects.filter(
                Q(name__icontains=query)
                | Q(email__icontains=query)
                | Q(organisation__name__icontains=query)
            )
            .select_related("organisation")
            .prefetch_related(_contact_programmes(programme))
            .order_by("name", "pk")
        )
        contacts = _group(rows, limit)
    return PartnerSearch(
        teams=_group(teams, limit),
        related_programmes=_group(related, limit),
        organisations=_group(organisations, limit),
        contacts=contacts,
    )
