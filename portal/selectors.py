"""Reads of the composed pages: what shows several apps at once."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from activities.models import Activity
from budgets.models import BudgetLine
from partners.models import RelatedProgramme
from teams.models import Goal, Programme, Team


def _count_per_team(queryset: QuerySet) -> Coalesce:
    counts = (
        queryset.filter(team=OuterRef("pk"))
        .order_by()
        .values("team")
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
