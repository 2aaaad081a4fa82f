from django.urls import path

from teams import views

urlpatterns = [
    path("", views.team_list_view, name="team-list"),
    path("<int:number>/", views.team_detail_view, name="team-detail"),
]
