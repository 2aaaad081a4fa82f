from django.urls import path

from partners import views

urlpatterns = [
    path("", views.partner_list_view, name="partner-list"),
]
