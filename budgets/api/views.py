from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from budgets.api.filters import (
    BudgetPeriodFilter,
    BudgetSpaceFilter,
    DecisionFilter,
)
from budgets.api.permissions import (
    BudgetPeriodPermission,
    BudgetSpacePermission,
    DecisionPermission,
)
from budgets.api.serializers import (
    BudgetPeriodSerializer,
    BudgetSpaceSerializer,
    BudgetSpaceWriteSerializer,
    DecisionSerializer,
    DecisionWriteSerializer,
)
from budgets.models import BudgetPeriod, BudgetSpace, Decision
from budgets.services import budget_space_update, decision_record
from citydeal.api.schema import errors, update_schemas, write_schema
from citydeal.api.views import PortalViewSet, ReadingsMixin, current_values

_CORE_TEAM_ONLY = errors(e403="Only core team members.")
# Also the budget-line endpoint's (spending.api.budget_lines).
LIMIT_REFUSED = errors(
    e403="Only core team members.",
    e409="The new limit is below what is committed (approved + realised) against it.",
)


@extend_schema_view(
    list=extend_schema(summary="The budget periods (2021; the outlook 2022-2023)"),
    retrieve=extend_schema(summary="One budget period"),
)
class BudgetPeriodViewSet(PortalViewSet):
    serializer_class = BudgetPeriodSerializer
    filterset_class = BudgetPeriodFilter
    permission_classes = [BudgetPeriodPermission]

    def get_queryset(self):
        return BudgetPeriod.objects.filter(programme=self.programme).order_by("start_year")


@extend_schema_view(
    list=extend_schema(summary="The budget space per year (a range)"),
    retrieve=extend_schema(summary="The budget space of one year"),
    **update_schemas(
        "Set a year's budget space (core team)",
        "Set some fields of a year's budget space (core team)",
        BudgetSpaceWriteSerializer,
        BudgetSpaceSerializer,
        LIMIT_REFUSED,
    ),
)
class BudgetSpaceViewSet(mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = BudgetSpaceSerializer
    filterset_class = BudgetSpaceFilter
    permission_classes = [BudgetSpacePermission]

    def get_queryset(self):
        return BudgetSpace.objects.filter(programme=self.programme).order_by("year")

    def update(self, request, *args, partial=False, **kwargs):
        space = self.get_object()
        data = self.validated(BudgetSpaceWriteSerializer, partial=partial)
        fields = ["amount_min", "amount_max", "carries_over", "note"]
        values = {**current_values(space, fields), **data}
        return self.respond(budget_space_update(space=space, by=request.user, **values))


@extend_schema_view(
    list=extend_schema(summary="The core team's decisions"),
    retrieve=extend_schema(summary="One decision"),
    create=write_schema(
        "Record a decision (core team)",
        DecisionWriteSerializer,
        DecisionSerializer,
        _CORE_TEAM_ONLY,
        status=201,
    ),
)
class DecisionViewSet(ReadingsMixin, mixins.CreateModelMixin, PortalViewSet):
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    permission_classes = [DecisionPermission]

    def get_queryset(self):
        return (
            Decision.objects.filter(programme=self.programme)
            .prefetch_related("budget_lines")
            .order_by("-date", "-pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.validated(DecisionWriteSerializer)
        decision = decision_record(programme=self.programme, by=request.user, **data)
        return self.respond(decision, status=201)
