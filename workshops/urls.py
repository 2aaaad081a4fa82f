"""The workshop pages: slots under workshops/, bookings under bookings/, requests for help
under workshops/help/. Included at the root; "Who helps when" (the agenda) is a portal
page."""

from django.urls import path

from workshops import views

urlpatterns = [
    path("workshops/new/", views.slot_create_view, name="workshop-slot-create"),
    path("workshops/<int:pk>/", views.slot_detail_view, name="workshop-slot-detail"),
    path("workshops/<int:pk>/edit/", views.slot_edit_view, name="workshop-slot-edit"),
    path("workshops/<int:pk>/cancel/", views.slot_cancel_view, name="workshop-slot-cancel"),
    path("workshops/<int:pk>/request/", views.booking_request_view, name="booking-request"),
    path("bookings/<int:pk>/", views.booking_detail_view, name="booking-detail"),
    path("bookings/<int:pk>/<slug:action>/", views.booking_step_view, name="booking-step"),
    path("workshops/help/new/", views.help_request_create_view, name="help-request-create"),
    path("workshops/help/<int:pk>/", views.help_request_detail_view, name="help-request-detail"),
    path(
        "workshops/help/<int:pk>/answer/",
        views.help_request_answer_view,
        name="help-request-answer",
    ),
    path(
        "workshops/help/<int:pk>/close/", views.help_request_close_view, name="help-request-close"
    ),
]
