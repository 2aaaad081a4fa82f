"""Reads of the city cases: the case tables with their costs per year, and one case."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from cases.models import Case, CaseCost, Municipality
from teams.models import Programme, Team


@dataclass(frozen=True)
class CaseRow:
    case: Case
    costs: list[Decimal | None]  # one per year of the table; None where the plan names none


@dataclass(frozen=True)
class CaseTable:
    """Cases with a column of costs per year and a totals row summed in the database."""

    years: list[int]
    rows: list[CaseRow]
    totals: list[Decimal]


def _cases(programme: Programme) -> QuerySet[Case]:
    return (
        Case.objects.filter(programme=programme)
        .select_related("municipality", "lead_team")
        .prefetch_related("teams", "other_municipalities", "costs")
        .order_by(F("lead_team__number").asc(nulls_last=True), "table_number", "title", "pk")
    )


def case_cost_totals(
    *, programme: Programme, lead_team: Team | None = None, cases: QuerySet[Case] | None = None
) -> dict[int, Decimal]:
    """The costs per year summed over the programme's cases, over one team's table, or
    over ``cases`` (a filtered list's cases, all of them, not one page's)."""
    costs = CaseCost.objects.filter(case__programme=programme).order_by()
    if lead_team is not None:
        costs = costs.filter(case__lead_team=lead_team)
    if cases is not None:
        costs = costs.filter(case__in=cases.order_by().values("pk"))
    return {
        row["year"]: row["total"]
        for row in costs.values("year").annotate(total=Sum("amount")).order_by("year")
    }


def _table(cases: list[Case], totals: dict[int, Decimal]) -> CaseTable:
    years = sorted({cost.year for case in cases for cost in case.costs.all()} | set(totals))
    rows = []
    for case in cases:
        by_year = {cost.year: cost.amount for cost in case.costs.all()}
        rows.append(CaseRow(case=case, costs=[by_year.get(year) for year in years]))
    return CaseTable(
        years=years, rows=rows, totals=[totals.get(year, Decimal("0.00")) for year in years]
    )


def case_table(*, programme: Programme) -> CaseTable:
    """All cases of the programme with their costs per year and the totals. Five queries."""
    cases = list(_cases(programme))
    return _table(cases, case_cost_totals(programme=programme))


def case_rows(
    *,
    programme: Programme,
    team_number: int | None = None,
    municipality: Municipality | None = None,
    search: str = "",
) -> QuerySet[Case]:
    """The programme's cases in table order with what the case list shows (three queries
    more); ``team_number`` narrows them to the cases in that team's table or that it works
    on, ``municipality`` to those in the municipality, ``search`` to those with the words
    in the title. For a paged list (``case_page_table``)."""
    cases = _cases(programme)
    if team_number is not None:
        cases = cases.filter(
            Q(lead_team__number=team_number)
            | Q(pk__in=Case.teams.through.objects.filter(team__number=team_number).values("case"))
        )
    if municipality is not None:
        cases = cases.filter(
            Q(municipality=municipality)
            | Q(
                pk__in=Case.other_municipalities.through.objects.filter(
                    municipality=municipality
                ).values("case")
            )
        )
    if search:
        cases = cases.filter(title__icontains=search)
    return cases


def case_page_table(*, programme: Programme, page_cases, cases: QuerySet[Case]) -> CaseTable:
    """One page of ``cases`` as a table; its totals row sums the costs of all ``cases``
    (the whole filtered list, in the database), not only of the page's."""
    return _table(list(page_cases), case_cost_totals(programme=programme, cases=cases))


@dataclass(frozen=True)
class TeamCases:
    """A team's own case table (``lead_team``), and the other cases it works on."""

    table: CaseTable
    involved: list[Case]


def team_cases(*, team: Team, limit: int | None = None) -> TeamCases:
    """The cases in the team's own table with costs, and the others it joins (the first
    ``limit`` of each); the totals are over the team's whole table. Five queries.
    """
    cases = (
        Case.objects.filter(programme=team.programme)
        .select_related("municipality", "lead_team")
        .order_by(F("lead_team__number").asc(nulls_last=True), "table_number", "title", "pk")
    )
    own = cases.filter(lead_team=team).prefetch_related("other_municipalities", "costs")
    involved = cases.filter(pk__in=team.cases.values("pk")).exclude(lead_team=team)
    if limit is not None:
        own, involved = own[:limit], involved[:limit]
    totals = case_cost_totals(programme=team.programme, lead_team=team)
    return TeamCases(table=_table(list(own), totals), involved=list(involved))


def case_get(*, programme: Programme, slug: str) -> Case:
    """One case with its municipalities, teams, owners and costs; 404 if there is none."""
    return get_object_or_404(
        Case.objects.select_related("municipality", "lead_team").prefetch_related(
            "teams", "other_municipalities", "owners", "costs"
        ),
        programme=programme,
        slug=slug,
    )
