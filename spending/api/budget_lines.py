"""The budget lines through the API, with their figures (``/api/v1/budget-lines/``).

A budget line belongs to the budgets app; its figures (approved, realised, pending,
committed, remaining) are what spending requests commit on it. The endpoint shows both,
so it lives here, one layer above budgets; setting a line is still the budgets service.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from budgets.api.filters import BudgetLineFilter
from budgets.api.permissions import BudgetLinePermission
from budgets.api.serializers import BudgetLineWriteSerializer
from budgets.api.views import LIMIT_REFUSED
from budgets.models import BudgetLine
from budgets.services import budget_line_update
from citydeal.api.schema import write_schema
from citydeal.api.serializers import PlannedRepresentation
from citydeal.api.views import PortalViewSet, current_values
from spending.permissions import can_view_spending_pages
from spending.selectors import budget_lines_with_figures


def _figure(help_text) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True, help_text=help_text
    )


class BudgetLineSerializer(PlannedRepresentation, serializers.ModelSerializer):
    """A budget line with its budget control figures.

    The figures are those of the spending pages, so only users who may see spending (the
    core team, directors and team leads) get them; for others they are null.
    """

    approved = _figure(_("Approved and not yet realised (EUR)."))
    realised = _figure(_("Actually spent on realised requests (EUR)."))
    pending = _figure(_("Submitted, waiting for a decision (EUR)."))
    committed = _figure(_("Approved plus realised: what counts against the line (EUR)."))
    remaining = _figure(_("The amount minus what is committed (EUR)."))

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "team",
            "period",
            "amount",
            "main_activities",
            "approved",
            "realised",
            "pending",
            "committed",
            "remaining",
        ]

    def to_representation(self, line):
        data = super().to_representation(line)
        request = self.context.get("request")
        figures = {}
        if request is not None and can_view_spending_pages(request.user):
            approved, realised = line.approved_total, line.realised_total
            figures = {
                "approved": approved,
                "realised": realised,
                "pending": line.pending_total,
                "committed": approved + realised,
                "remaining": line.amount - approved - realised,
            }
        for name in ("approved", "realised", "pending", "committed", "remaining"):
            value = figures.get(name)
            data[name] = None if value is None else self.fields[name].to_representation(value)
        return data


@extend_schema_view(
    list=extend_schema(summary="The budget lines (team x period) with their figures"),
    retrieve=extend_schema(summary="One budget line with its figures (remaining budget)"),
    update=write_schema(
        "Set a budget line (core team)",
        BudgetLineWriteSerializer,
        BudgetLineSerializer,
        LIMIT_REFUSED,
    ),
    partial_update=write_schema(
        "Set some fields of a budget line (core team)",
        BudgetLineWriteSerializer,
        BudgetLineSerializer,
        LIMIT_REFUSED,
    ),
)
class BudgetLineViewSet(mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    permission_classes = [BudgetLinePermission]

    def get_queryset(self):
        lines = BudgetLine.objects.filter(team__programme=self.programme).order_by(
            "period__start_year", "team__number"
        )
        return budget_lines_with_figures(lines)

    def update(self, request, *args, partial=False, **kwargs):
        line = self.get_object()
        data = self.validated(BudgetLineWriteSerializer, partial=partial)
        values = {**current_values(line, ["amount", "main_activities"]), **data}
        return self.respond(budget_line_update(line=line, by=request.user, **values))
