"""The composed pages, at the paths and names they always had."""

from django.urls import path

from activities import views as activity_views
from portal import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("agenda/", views.agenda_view, name="agenda"),
    path("planning/", views.planning_view, name="planning"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/report/", views.dashboard_report_view, name="dashboard-report"),
    path("dashboard/report.xlsx", views.dashboard_report_xlsx_view, name="dashboard-report-xlsx"),
    path("start/", views.home_view, name="home"),
    path("teams/", views.team_list_view, name="team-list"),
    path("teams/<int:number>/", views.team_detail_view, name="team-detail"),
    path("teams/<int:number>/changes/", views.team_changes_view, name="team-changes"),
    # Under the team's path, as they always were; the pages are the activities app's.
    path(
        "teams/<int:number>/activities/",
        activity_views.team_activities_view,
        name="team-activities",
    ),
    path(
        "teams/<int:number>/activities/new/",
        activity_views.activity_create_view,
        name="activity-create",
    ),
    # The planning as Excel files: a team's, and the whole programme's.
    path(
        "teams/<int:number>/planning.xlsx",
        activity_views.team_planning_export_view,
        name="team-planning-export",
    ),
    path("planning.xlsx", activity_views.planning_export_view, name="planning-export"),
    # A team's planning imported from a spreadsheet: upload, preview, apply.
    path(
        "teams/<int:number>/planning/import/",
        activity_views.team_planning_import_view,
        name="team-planning-import",
    ),
    path("cases/<slug:slug>/", views.case_detail_view, name="case-detail"),
    # The decision with the spending requests it covers: budgets and spending at once.
    path("decisions/new/", views.decision_create_view, name="decision-create"),
]
