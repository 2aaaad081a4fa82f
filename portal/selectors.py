"""Reads of the composed pages: what shows several apps at once."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from activities.models import Activity
from activities.selectors import freshness_annotations
from budgets.models import BudgetLine
from cases.models import Case
from events.models import Event
from partners.models import RelatedProgramme
from teams.models import Goal, Programme, Team


def _count_per_team(queryset: QuerySet, team: str = "team") -> Coalesce:
    counts = (
        queryset.filter(**{team: OuterRef("pk")})
        .order_by()
        .values(team)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def team_list(*, programme: Programme) -> list[Team]:
    """The programme's teams in number order, with leads, budget lines and counts. Three queries."""
    return list(
        Team.objects.filter(programme=programme)
        .annotate(
            goal_count=_count_per_team(Goal.objects.all()),
            activity_count=_count_per_team(Activity.objects.all()),
            related_programme_count=_count_per_team(RelatedProgramme.objects.all()),
        )
        .prefetch_related(
            "leads",
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("period").order_by("period__start_year"),
            ),
        )
        .order_by("number")
    )


def team_page_team(*, programme: Programme, number: int) -> Team:
    """The team of the team page with how many rows each of its groups has in all (the
    page shows the first few of each): ``activity_count``, ``related_programme_count``,
    ``event_count``, ``own_case_count`` (its case table) and ``involved_case_count`` (the
    other cases it works on), and ``case_count``, both together; and when its planning
    last changed and by whom (``activities.selectors.freshness_annotations``). One query;
    404 if the programme has no such team."""
    involved = Case.teams.through.objects.filter(~Q(case__lead_team=OuterRef("pk")))
    team = get_object_or_404(
        Team.objects.select_related("programme").annotate(
            activity_count=_count_per_team(Activity.objects.all()),
            related_programme_count=_count_per_team(RelatedProgramme.objects.all()),
            event_count=_count_per_team(Event.teams.through.objects.all()),
            own_case_count=_count_per_team(Case.objects.all(), team="lead_team"),
            involved_case_count=_count_per_team(involved),
            **freshness_annotations(),
        ),
        programme=programme,
        number=number,
    )
    team.case_count = team.own_case_count + team.involved_case_count
    return team
