"""``GET /api/v1/dashboard/``: the dashboard's figures (``reporting.figures.as_data``) for
directors and the core team, read-only. The serializers below describe the figures' shape
for the schema and write them out, so the schema and the answer cannot drift apart."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from citydeal.api.permissions import RulePermission
from citydeal.programme import programme_current
from reporting.figures import as_data, dashboard_figures
from reporting.permissions import can_view_dashboard

Money = serializers.DecimalField
_MONEY = {"max_digits": 14, "decimal_places": 2, "allow_null": True}


def _money(help_text: str) -> Money:
    return Money(help_text=help_text, **_MONEY)


class TeamRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    code = serializers.CharField(help_text="OT1 … OT6")
    name = serializers.CharField()


class CaseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()


class LineFiguresSerializer(serializers.Serializer):
    team = TeamRefSerializer()
    planned = _money("The budget line.")
    approved = _money("Approved, not yet realised.")
    realised = _money("Realised (the actual amounts).")
    pending = _money("Submitted, waiting for a decision.")
    remaining = _money("The line minus what is approved and realised.")


class PeriodFiguresSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="The budget period's label: 2021, 2022-2023.")
    years = serializers.ListField(child=serializers.IntegerField())
    lines = LineFiguresSerializer(many=True)
    planned = _money("The period's lines together.")
    approved = _money("Approved in the period.")
    realised = _money("Realised in the period.")
    remaining = _money("The period's lines minus what is committed.")


class TeamMoneySerializer(serializers.Serializer):
    team = TeamRefSerializer()
    estimate_min = _money("The activities' estimates, the minimums added (null: none).")
    estimate_max = _money("The activities' estimates, the maximums added (null: none).")
    planned = _money("The team's lines over every period.")
    approved = _money("Approved over every period.")
    realised = _money("Realised over every period.")
    remaining = _money("The lines minus what is committed.")


class YearFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    space_min = _money("The budget space's lower bound (null: the plan states none).")
    space_max = _money("The budget space's upper bound (null: the plan states none).")
    carried_in = _money("Carried over from the year before.")
    available = _money("The upper bound plus the carry-over.")
    committed = _money("Approved and realised in the year.")
    remaining = _money("Available minus committed.")


class PeriodSpaceSerializer(serializers.Serializer):
    period = serializers.CharField()
    teams_total = _money("The teams' budget lines of the period together.")
    space_min = _money("The period's budget space, lower bound.")
    space_max = _money("The period's budget space, upper bound.")
    over_space_min = _money("The lines minus the space's upper bound (the least overrun).")
    over_space_max = _money("The lines minus the space's lower bound (the largest overrun).")
    status = serializers.ChoiceField(
        choices=["above", "below", "within"], allow_null=True, help_text="Against the space."
    )


class MoneySerializer(serializers.Serializer):
    periods = PeriodFiguresSerializer(many=True)
    teams = TeamMoneySerializer(many=True)
    years = YearFiguresSerializer(many=True)
    space_per_period = PeriodSpaceSerializer(many=True)


class WaitingRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    team = TeamRefSerializer()
    line = serializers.CharField(help_text="The budget period of the request's line.")
    amount = _money("The amount asked.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    waited_days = serializers.IntegerField(help_text="Whole days since it was submitted.")


class WaitingSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Requests waiting for a decision.")
    oldest = WaitingRequestSerializer(many=True, help_text="The ten waiting longest.")


class ProgressSerializer(serializers.Serializer):
    team = TeamRefSerializer()
    total = serializers.IntegerField()
    by_status = serializers.DictField(
        child=serializers.IntegerField(), help_text="Activities per status (the API's values)."
    )
    started = serializers.IntegerField(help_text="In progress or done.")
    due = serializers.IntegerField(help_text="Not cancelled, with their start month come.")
    past_end = serializers.IntegerField(help_text="Not done or cancelled, past their end month.")
    planning_changed = serializers.DateTimeField(allow_null=True)
    planning_changed_by = serializers.CharField(allow_null=True)
    planning_stale = serializers.BooleanField(help_text="Not changed in six weeks.")


class OpenPointCountsSerializer(serializers.Serializer):
    planning_open = serializers.IntegerField(help_text="Period to be decided.")
    estimate_open = serializers.IntegerField(help_text="Estimate to be decided (ntb, PM).")
    responsible_open = serializers.IntegerField(help_text="Responsible to be decided.")
    estimate_doubtful = serializers.IntegerField(help_text="Estimate in doubt (?).")


class TeamOpenPointsSerializer(OpenPointCountsSerializer):
    team = TeamRefSerializer()


class OpenPointsSerializer(OpenPointCountsSerializer):
    activities = serializers.IntegerField()
    teams = TeamOpenPointsSerializer(many=True)


class BookingCountsSerializer(serializers.Serializer):
    requested = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    held = serializers.IntegerField()


class TeamBookingsSerializer(BookingCountsSerializer):
    team = TeamRefSerializer()


class CaseBookingsSerializer(BookingCountsSerializer):
    case = CaseRefSerializer()


class WorkshopsSerializer(serializers.Serializer):
    teams = TeamBookingsSerializer(many=True)
    cases_with_bookings = serializers.IntegerField()
    cases = CaseBookingsSerializer(many=True, help_text="The ten most booked cases.")
    untouched_cases = serializers.IntegerField(
        help_text="Cases with no workshop confirmed or held yet."
    )
    untouched = CaseRefSerializer(many=True, help_text="The first ten of them by title.")


class DifferenceSerializer(serializers.Serializer):
    team = TeamRefSerializer()
    period = serializers.CharField(allow_null=True)
    case_years = serializers.ListField(child=serializers.IntegerField())
    case_costs = _money("The team's case table for the period.")
    line = _money("The team's budget line for the period (null: none).")
    difference = _money("Case table minus line.")


class DashboardSerializer(serializers.Serializer):
    as_of = serializers.DateTimeField()
    money = MoneySerializer()
    waiting = WaitingSerializer()
    progress = ProgressSerializer(many=True)
    open_points = OpenPointsSerializer()
    workshops = WorkshopsSerializer()
    differences = DifferenceSerializer(many=True)


class DashboardPermission(RulePermission):
    read_rule = staticmethod(can_view_dashboard)


class DashboardView(APIView):
    permission_classes = [DashboardPermission]

    @extend_schema(
        summary="The directors' dashboard: money, progress, open points, workshops",
        description=(
            "The figures of `/dashboard/` as they are now, for directors and the core team. "
            "Amounts are euros as strings with two decimals."
        ),
        responses={200: DashboardSerializer},
        operation_id="dashboard_retrieve",
    )
    def get(self, request):
        data = as_data(dashboard_figures(programme=programme_current()))
        return Response(DashboardSerializer(data).data)
