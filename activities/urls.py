from django.urls import path

from activities import views

urlpatterns = [
    path("<int:pk>/", views.activity_detail_view, name="activity-detail"),
    path("<int:pk>/edit/", views.activity_edit_view, name="activity-edit"),
]
