from django.urls import path

from activities import views as activity_views
from teams import views

urlpatterns = [
    path("", views.team_list_view, name="team-list"),
    path("<int:number>/", views.team_detail_view, name="team-detail"),
    path("<int:number>/goals/<int:pk>/edit/", views.goal_edit_view, name="goal-edit"),
    path(
        "<int:number>/activities/new/",
        activity_views.activity_create_view,
        name="activity-create",
    ),
]
