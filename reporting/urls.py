"""The snapshots of the directors' update, under /dashboard/ (the dashboard page itself,
at /dashboard/, is the portal's)."""

from django.urls import path

from reporting import views

urlpatterns = [
    path("snapshots/", views.snapshot_list_view, name="snapshot-list"),
    path("snapshots/<int:pk>/changes/", views.snapshot_changes_view, name="snapshot-changes"),
    path("changes/", views.changes_view, name="dashboard-changes"),
]
