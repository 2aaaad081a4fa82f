"""The composed pages: the overview, the team list and page, the case page.

Each shows several apps at once, so it lives here, above them all; the apps' own pages
(forms, lists of one app) stay in the apps.
"""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities import views as activity_views
from activities.models import ActivityStatus
from activities.permissions import can_add_activity, can_import_planning
from activities.selectors import (
    OPEN_POINT_LABELS,
    case_activities,
    freshness_of,
    mark_open,
    open_points,
    planning_freshness,
    planning_teams,
    team_activities,
    timeline_activities,
    timeline_span,
)
from activities.timeline import DEFAULT_FIRST, DEFAULT_LAST, Milestone, build_timeline
from activities.timeline import PAGE_SIZE as TIMELINE_PAGE_SIZE
from budgets.permissions import can_manage_budget, can_manage_decisions
from budgets.selectors import (
    budget_periods,
    budget_tables,
    case_cost_differences,
    estimates_against_lines,
    programme_decisions,
)
from cases.models import Case
from cases.permissions import can_edit_case
from cases.selectors import case_get, team_cases
from citydeal.formatting import format_euro
from citydeal.forms import form_page
from citydeal.history import history_timeline, history_timeline_for
from citydeal.months import next_month
from citydeal.paging import GROUP_SIZE, page_from_request
from citydeal.permissions import can_view_history
from citydeal.readings import readings_attach, readings_distinct, readings_where
from citydeal.services import ensure_allowed
from citydeal.verdicts import is_core_team, is_director, owned_case_ids
from events.permissions import can_manage_events
from events.selectors import (
    agenda_event_months,
    agenda_events,
    case_events,
    programme_events,
    team_events,
    timeline_events,
)
from partners.selectors import related_programmes
from portal.forms import DecisionWithRequestsForm, PlanningFilterForm
from portal.selectors import team_list, team_page_team
from reporting.charts import STATUS_ORDER, money_chart, status_chart
from reporting.figures import as_data, dashboard_figures
from reporting.permissions import can_view_dashboard, can_view_snapshots
from reporting.report import change_rows, report_filename, report_xlsx
from reporting.selectors import changes_since_last, snapshot_get, snapshot_rows
from spending.services import spending_decision_record
from teams.models import Team
from teams.permissions import can_edit_team_content
from teams.selectors import programme_current, team_goals
from workshops.forms import AgendaFilterForm
from workshops.permissions import (
    can_ask_help,
    can_publish_slot,
    can_publish_slots,
    can_request_bookings,
    can_view_agenda,
)
from workshops.selectors import (
    agenda_slot_months,
    agenda_slots,
    bookings_filtered,
    bookings_waiting_for_team,
    case_active_booking_by_slot,
    case_open_help_requests,
    open_help_requests_for_team,
    slot_topics,
    timeline_slots,
    upcoming_team_slots,
)

# How many recent changes the team's changes page shows.
TEAM_HISTORY_LIMIT = 50
# How many upcoming and past events, and recent decisions, the overview shows; the
# whole lists are a link away.
OVERVIEW_EVENTS = 5
OVERVIEW_DECISIONS = 5


def overview(request):
    programme = programme_current()
    user = request.user
    events = programme_events(programme=programme, limit=OVERVIEW_EVENTS)
    decisions = programme_decisions(programme=programme, limit=OVERVIEW_DECISIONS)
    differences = case_cost_differences(programme=programme)
    readings = _readings_with_cost_years(
        [*events.upcoming, *events.past, *decisions], differences, programme=programme
    )
    return render(
        request,
        "portal/overview.html",
        {
            "programme": programme,
            "budget_tables": budget_tables(programme=programme),
            "open_points": open_points(programme=programme),
            "differences": differences,
            "cost_readings": readings_distinct(readings, Case, "costs"),
            "events": events,
            "decisions": decisions,
            "can_manage_budget": bool(can_manage_budget(user)),
            "can_manage_events": bool(can_manage_events(user)),
            "can_manage_decisions": bool(can_manage_decisions(user)),
        },
    )


def _readings_with_cost_years(objects, differences, *, programme) -> list:
    """The readings of the plan of ``objects`` (attached to them) and of the case-cost
    years of the teams in ``differences`` (the table shows the years, not the cases), in
    one query."""
    teams = sorted({row.team.pk for row in differences})
    cases = Case.objects.filter(programme=programme, lead_team__in=teams).values("pk")
    return readings_attach(objects, extra=readings_where(Case, "costs", cases) if teams else None)


def team_list_view(request):
    programme = programme_current()
    return render(
        request,
        "teams/team_list.html",
        {"programme": programme, "teams": team_list(programme=programme)},
    )


def team_detail_view(request, number: int):
    """The team with the first few rows of each group (activities, cases, related
    programmes, events), each with a link to the whole list when there are more; when its
    planning last changed and by whom (the core team is warned when not in six weeks), and
    its estimates against its budget lines per period. The edit rules are asked once for
    the team, not once per row."""
    programme = programme_current()
    team = team_page_team(programme=programme, number=number)
    user = request.user
    can_edit_team = bool(can_edit_team_content(user, team))
    periods = budget_periods(programme=programme)
    [estimates] = estimates_against_lines(programme=programme, team=team, periods=periods)
    activities = team_activities(team=team, limit=GROUP_SIZE)
    cases = team_cases(team=team, limit=GROUP_SIZE)
    events = team_events(team=team, limit=GROUP_SIZE)
    differences = case_cost_differences(programme=programme, team=team, periods=periods)
    own_cases = [row.case for row in cases.table.rows]
    readings = _readings_with_cost_years(
        [*activities, *own_cases, *cases.involved, *events], differences, programme=programme
    )
    # The years of the case table's cost columns, for the table and its differences.
    cost_readings = readings_distinct(readings, Case, "costs")
    return render(
        request,
        "portal/team_detail.html",
        {
            "programme": programme,
            "team": team,
            "goals": team_goals(team=team),
            "activities": activities,
            "cases": cases,
            "differences": differences,
            "cost_readings": cost_readings,
            "estimates": estimates,
            # Read with the team (portal.selectors.team_page_team): no query of its own.
            "freshness": freshness_of(team.__dict__, timezone.now()),
            "show_stale": is_core_team(user),
            "related_programmes": related_programmes(
                programme=programme, team=team, limit=GROUP_SIZE
            ),
            "editable_teams": {team.pk} if can_edit_team else set(),
            "events": events,
            # The changes have a page of their own: reading them costs a few queries
            # per kind of record, which the team page does not carry.
            "can_view_history": bool(can_view_history(user, team)),
            "can_add_activity": bool(can_add_activity(user, team)),
            "can_import_planning": bool(can_import_planning(user, team)),
            "can_edit_team": can_edit_team,
            **_team_workshops(user, team),
        },
    )


def _first(rows, limit: int) -> tuple[list, bool]:
    """The first ``limit`` of ``rows`` (sliced to one more) and whether there are more."""
    rows = list(rows[: limit + 1])
    return rows[:limit], len(rows) > limit


def _team_workshops(user, team) -> dict:
    """The team page's workshops: the upcoming slots; for its lead and the core team also
    the requests waiting for an answer and the open requests for help (one query each)."""
    slots, more_slots = _first(upcoming_team_slots(team, limit=GROUP_SIZE + 1), GROUP_SIZE)
    context = {"slots": slots, "more_slots": more_slots, "can_publish": False}
    if can_publish_slot(user, team):
        waiting, more_waiting = _first(bookings_waiting_for_team(team), GROUP_SIZE)
        help_requests, more_help = _first(open_help_requests_for_team(team), GROUP_SIZE)
        context.update(
            can_publish=True,
            waiting=waiting,
            more_waiting=more_waiting,
            help_requests=help_requests,
            more_help=more_help,
        )
    context["can_ask_help"] = bool(can_request_bookings(user))
    return context


def team_changes_view(request, number: int):
    """The recent changes to the team, its goals, activities and related programmes,
    newest first; what loading the plan recorded is left out."""
    programme = programme_current()
    team = team_page_team(programme=programme, number=number)
    ensure_allowed(can_view_history(request.user, team))
    return render(
        request,
        "portal/team_changes.html",
        {
            "programme": programme,
            "team": team,
            "timeline": history_timeline(team, limit=TEAM_HISTORY_LIMIT, include_seed=False),
        },
    )


def case_detail_view(request, slug: str):
    programme = programme_current()
    case = case_get(programme=programme, slug=slug)
    costs = sorted(case.costs.all(), key=lambda cost: cost.year)
    activities = case_activities(case=case)
    events = case_events(case=case)
    readings_attach(case, activities, events)  # one query for the page's readings
    return render(
        request,
        "portal/case_detail.html",
        {
            "programme": programme,
            "case": case,
            "costs": costs,
            "activities": activities,
            "events": events,
            "can_edit": bool(can_edit_case(request.user, case)),
            "timeline": history_timeline_for(request.user, case),
            **_case_workshops(request.user, case),
        },
    )


def _case_workshops(user, case) -> dict:
    """The case page's workshops: the bookings the user may see (the latest workshop
    first) and the open requests for help; one query each."""
    bookings, more_bookings = _first(
        bookings_filtered(user, case=case).order_by("-slot__start", "-pk"), GROUP_SIZE
    )
    return {
        "bookings": bookings,
        "more_bookings": more_bookings,
        "help_requests": case_open_help_requests(case, limit=GROUP_SIZE),
        "can_ask_help": bool(can_ask_help(user, case)),
    }


# -- Who helps when: the agenda ---------------------------------------------------------------

# Workshops per page of the agenda; the programme's events of the same weeks come along,
# at most AGENDA_EVENTS of them.
AGENDA_PAGE = 30
AGENDA_EVENTS = 100


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # "slot" or "event"
    obj: object
    day: datetime.date
    booking: object = None

    @property
    def sort_key(self):
        moment = self.obj.start if self.kind == "slot" else None
        return (self.day, 0 if self.kind == "event" else 1, moment or self.day)


def _months(items: list[AgendaItem]) -> list[dict]:
    groups: list[dict] = []
    for item in sorted(items, key=lambda item: item.sort_key):
        month = item.day.replace(day=1)
        if not groups or groups[-1]["month"] != month:
            groups.append({"month": month, "items": []})
        groups[-1]["items"].append(item)
    return groups


def _month_value(month: datetime.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def agenda_view(request):
    """Who helps when: the upcoming workshops of every team and the programme's events,
    per month, 30 workshops a page with the events of the same weeks; filter by team,
    topic and month. Nothing upcoming: it says so and shows the latest ones."""
    user = request.user
    ensure_allowed(can_view_agenda(user))
    programme = programme_current()
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    months = sorted(
        set(agenda_slot_months(programme=programme)) | set(agenda_event_months(programme=programme))
    )
    form = AgendaFilterForm(
        request.GET,
        teams=teams,
        topics=slot_topics(programme=programme),
        months=[(_month_value(month), date_format(month, "F Y")) for month in months],
    )
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    filters = getattr(form, "cleaned_data", {})
    team_number, topic = filters.get("team"), filters.get("topic", "")
    month = next((m for m in months if _month_value(m) == filters.get("month")), None)
    slots = agenda_slots(programme=programme, team_number=team_number, topic=topic, month=month)
    page = page_from_request(request, slots, per_page=AGENDA_PAGE)
    # The page's slots and the first of the next page (where this page's events end), in
    # one query: the page's own object_list is not read.
    rows = list(slots[page.start_index() - 1 : page.end_index() + 1]) if page.end_index() else []
    size = page.end_index() - page.start_index() + 1 if rows else 0
    page_slots, following = rows[:size], rows[size:]
    events: list = []
    more_events = False
    if not topic:  # events have no topic: a topic asks for workshops only
        since = month
        if page.number > 1 and page_slots:
            since = timezone.localdate(page_slots[0].start)
        until = next_month(month) if month else None
        if following:
            until = min(filter(None, [until, timezone.localdate(following[0].start)]))
        events, more_events = _first_list(
            agenda_events(
                programme=programme,
                team_number=team_number,
                since=since,
                until=until,
                limit=AGENDA_EVENTS + 1,
            ),
            AGENDA_EVENTS,
        )
    case_ids = owned_case_ids(user)
    booked = case_active_booking_by_slot(case_ids, [s.pk for s in page_slots]) if case_ids else {}
    mine = {}
    for (_case_id, slot_id), booking in booked.items():
        mine.setdefault(slot_id, []).append(booking)
    items = [
        AgendaItem("slot", slot, timezone.localdate(slot.start), mine.get(slot.pk))
        for slot in page_slots
    ] + [AgendaItem("event", event, event.date) for event in events]
    filtered = any([team_number, topic, month])
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "groups": _months(items),
        "more_events": more_events,
        "filtered": filtered,
        "can_request": bool(can_request_bookings(user)),
        "can_publish": bool(can_publish_slots(user)),
    }
    if not items and not filtered:
        past_slots = list(agenda_slots(programme=programme, upcoming=False)[:GROUP_SIZE])
        past_events = agenda_events(programme=programme, past=True, limit=GROUP_SIZE)
        context["past"] = _months(
            [AgendaItem("slot", s, timezone.localdate(s.start)) for s in past_slots]
            + [AgendaItem("event", e, e.date) for e in past_events]
        )[::-1]
    return render(request, "portal/agenda.html", context)


def _first_list(rows: list, limit: int) -> tuple[list, bool]:
    return rows[:limit], len(rows) > limit


def decision_create_view(request):
    programme = programme_current()
    ensure_allowed(can_manage_decisions(request.user))
    form = DecisionWithRequestsForm(
        request.POST if request.method == "POST" else None, programme=programme
    )
    back_url = reverse("decision-list")
    return form_page(
        request,
        form,
        lambda data: spending_decision_record(
            programme=programme,
            by=request.user,
            date=data["date"],
            meeting=data["meeting"],
            text=data["text"],
            event=data["event"],
            budget_lines=list(data["budget_lines"]),
            spending_requests=list(data["spending_requests"]),
        ),
        saved_message=_("The decision has been recorded."),
        title=_("Record a decision"),
        intro=_(
            "A decision of the core team, such as the green light for a year's spending. "
            "Link the meeting, the budget lines and the approved spending requests it "
            "concerns where they are known."
        ),
        back_url=back_url,
        back_label=_("Decisions"),
        submit_label=_("Record decision"),
        once=True,
    )


# -- the programme timeline ----------------------------------------------------------------


# Milestones drawn per month and kind; a busier month gets a mark that leads to the agenda.
MILESTONES_PER_MONTH = 3


def _more_milestones(events, slots, *, team) -> list[Milestone]:
    """A mark for each month with more events or workshops than the timeline draws, with
    how many more, leading to that month in the agenda."""
    more: dict[datetime.date, int] = {}
    for month, row in (
        *((event.date.replace(day=1), event) for event in events),
        *((timezone.localtime(slot.start).date().replace(day=1), slot) for slot in slots),
    ):
        if row.rank_in_month == MILESTONES_PER_MONTH:
            more[month] = more.get(month, 0) + row.in_month - MILESTONES_PER_MONTH
    query = f"?team={team.number}&" if team else "?"
    return [
        Milestone(
            x=0,
            title=ngettext(
                "%(count)s more event or workshop in %(month)s",
                "%(count)s more events and workshops in %(month)s",
                count,
            )
            % {"count": count, "month": date_format(month, "F Y")},
            when=month.replace(day=15),
            kind="more",
            count=count,
            url=reverse("agenda") + f"{query}month={_month_value(month)}",
        )
        for month, count in sorted(more.items())
        if count > 0
    ]


def planning_view(request):
    """The six teams' planning on one time axis: a lane per team, a bar per activity (an
    open end for ongoing work, a mark for work still to be decided), the programme's
    events and workshops as milestones, a line for today; the same rows as a table beneath
    it. Filter by team, goal, status and period. Each lane says when its planning last
    changed and by whom; the core team sees which have not changed in six weeks."""
    programme = programme_current()
    teams = list(Team.objects.filter(programme=programme).order_by("number"))
    form = PlanningFilterForm(request.GET, teams=teams, programme=programme)
    form.is_valid()  # an invalid filter is shown and left out, the others still apply
    filters = getattr(form, "cleaned_data", {})
    team = next((t for t in teams if t.number == filters.get("team")), None)
    shown_teams = [team] if team else teams
    rows = timeline_activities(
        programme=programme,
        team=team,
        goal=filters.get("goal"),
        status=filters.get("status", ""),
        first=filters.get("first"),
        last=filters.get("last"),
        open_point=filters.get("open", ""),
    )
    # Paged like every list: at a hundred times the plan one page still reads (and costs)
    # the same; the axis spans every page, so a bar stands where it stands on the others.
    page = page_from_request(request, rows, per_page=TIMELINE_PAGE_SIZE)
    activities = list(page)
    today = timezone.localdate()
    now = timezone.now()
    span = timeline_span(rows)
    span_first = filters.get("first") or span.first or today.replace(day=1)
    span_last = filters.get("last") or span.last or today.replace(day=1)
    span_first = min(span_first, DEFAULT_FIRST)
    if not filters.get("last"):
        # Without an end asked for, the workshops of the next three months show too.
        span_last = max(span_last, DEFAULT_LAST, today + datetime.timedelta(days=92))
    events = timeline_events(
        programme=programme, first=span_first, last=span_last, per_month=MILESTONES_PER_MONTH
    )
    slots = timeline_slots(
        programme=programme,
        team=team,
        start_after=timezone.make_aware(datetime.datetime.combine(span_first, datetime.time())),
        start_before=timezone.make_aware(
            datetime.datetime.combine(next_month(span_last), datetime.time())
        ),
        per_month=MILESTONES_PER_MONTH,
    )
    milestones = [
        Milestone(x=0, title=event.title, when=event.date, kind="event") for event in events
    ] + [
        Milestone(
            x=0,
            title=f"{slot.team.code}: {slot.title}",
            when=timezone.localtime(slot.start).date(),
            kind="workshop",
            url=reverse("workshop-slot-detail", args=[slot.pk]),
        )
        for slot in slots
    ]
    milestones += _more_milestones(events, slots, team=team)
    milestones.sort(key=lambda milestone: milestone.when)
    if page.paginator.num_pages > 1:
        # A lane for each team with activities on this page.
        on_page = {activity.team_id for activity in activities}
        shown_teams = [t for t in shown_teams if t.pk in on_page]
    timeline = build_timeline(
        teams=shown_teams,
        activities=activities,
        milestones=milestones,
        today=today,
        span=(filters.get("first") or span.first, filters.get("last") or span.last),
    )
    freshness = planning_freshness(teams=shown_teams, now=now)
    estimates = estimates_against_lines(programme=programme, team=team)
    for lane in timeline.lanes:
        lane.freshness = freshness.get(lane.team.pk)
    return render(
        request,
        "portal/planning.html",
        {
            "programme": programme,
            "form": form,
            "filtered": any(filters.values()),
            "timeline": timeline,
            "activities": activities,
            "page": page,
            "today": today,
            "show_stale": is_core_team(request.user),
            "estimates": estimates,
            "stale_teams": [
                lane.team for lane in timeline.lanes if lane.freshness and lane.freshness.stale
            ],
        },
    )


# The open points of the dashboard, in the order of its table, each a filter of /planning/.
OPEN_POINTS = tuple(OPEN_POINT_LABELS.items())


def home_view(request):
    """Where a login lands (without a page asked for): a director on the dashboard, the
    core team on the approval queue (their inbox), the others on the overview."""
    if is_director(request.user):
        return redirect("dashboard")
    if is_core_team(request.user):
        return redirect("spending-queue")
    return redirect("overview")


# Snapshots offered in the dashboard's choice of state; older ones are on their list.
SNAPSHOT_CHOICES = 12


def dashboard_view(request):
    """The directors' update at a glance: money per team and year against the budget
    space, progress per team, the open points (each leading to its activities), workshops
    per team and case, and the differences in the data; two charts, each with its table.
    The current state (figures from ``reporting.figures``: the same number of queries at
    any size) or, with ``?snapshot=<id>``, the state a snapshot froze."""
    ensure_allowed(can_view_dashboard(request.user))
    programme = programme_current()
    chosen = request.GET.get("snapshot", "")
    snapshot = None
    if chosen:
        if not chosen.isdigit():
            raise Http404
        snapshot = snapshot_get(programme=programme, pk=int(chosen))
        data = snapshot.figures
    else:
        data = as_data(dashboard_figures(programme=programme))
    return render(
        request,
        "portal/dashboard.html",
        {
            **_dashboard_context(programme, data),
            "snapshot": snapshot,
            "snapshots": list(snapshot_rows(programme=programme)[:SNAPSHOT_CHOICES]),
            "can_view_snapshots": bool(can_view_snapshots(request.user)),
        },
    )


def dashboard_report_view(request):
    """The dashboard laid out for paper (A4), for the browser to print or save as PDF."""
    ensure_allowed(can_view_dashboard(request.user))
    programme = programme_current()
    data = as_data(dashboard_figures(programme=programme))
    return render(request, "portal/dashboard_report.html", _dashboard_context(programme, data))


def dashboard_report_xlsx_view(request):
    """The update as an Excel workbook: summary, money, budget space, open points, the
    changes, and a sheet per team with its planning."""
    ensure_allowed(can_view_dashboard(request.user))
    programme = programme_current()
    data = as_data(dashboard_figures(programme=programme))
    teams = planning_teams(programme=programme)
    for team in teams:
        mark_open(team.planning_activities)
    changes = change_rows(changes_since_last(programme=programme))
    content = report_xlsx(data=data, teams=teams, changes=changes)
    return activity_views.xlsx_response(content, report_filename(timezone.localdate()))


def _dashboard_context(programme, data: dict) -> dict:
    """What the dashboard's template reads: the data (current or of a snapshot) with its
    rows put in the order of the columns, and the charts."""
    statuses = dict(ActivityStatus.choices)
    progress = [
        {
            **row,
            "counts": [row["by_status"].get(status, 0) for status in STATUS_ORDER],
            "changed": row["planning_changed"]
            and datetime.datetime.fromisoformat(row["planning_changed"]),
        }
        for row in data["progress"]
    ]
    open_points = [
        {
            "team": row["team"],
            "counts": [(name, label, row[name]) for name, label in OPEN_POINTS],
        }
        for row in data["open_points"]["teams"]
    ]
    return {
        "programme": programme,
        "data": data,
        "as_of": datetime.datetime.fromisoformat(data["as_of"]),
        "money_chart": money_chart(data, format_amount=format_euro),
        "status_chart": status_chart(data),
        "statuses": [(status, statuses[status]) for status in STATUS_ORDER],
        "progress": progress,
        "open_point_names": OPEN_POINTS,
        "open_points": open_points,
        "open_totals": [(name, label, data["open_points"][name]) for name, label in OPEN_POINTS],
        "open_total": sum(data["open_points"][name] for name, _label in OPEN_POINTS),
        "team_bookings": [
            {
                **row,
                "name": row["team"]["code"],
                "url": f"{reverse('agenda')}?team={row['team']['number']}",
            }
            for row in data["workshops"]["teams"]
        ],
        "case_bookings": [
            {
                **row,
                "name": row["case"]["title"],
                "url": reverse("case-detail", args=[row["case"]["slug"]]),
            }
            for row in data["workshops"]["cases"]
        ],
        "period_space": [
            period for period in data["money"]["space_per_period"] if period["space_max"]
        ],
    }
