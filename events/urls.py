from django.urls import path

from events import views

urlpatterns = [
    path("", views.event_list_view, name="event-list"),
    path("new/", views.event_create_view, name="event-create"),
    path("<slug:slug>/edit/", views.event_edit_view, name="event-edit"),
]
