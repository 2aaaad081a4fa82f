from django.urls import path

from teams import views

urlpatterns = [
    path("<int:number>/goals/<int:pk>/edit/", views.goal_edit_view, name="goal-edit"),
]
