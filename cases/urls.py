from django.urls import path

from cases import views

urlpatterns = [
    path("", views.case_list_view, name="case-list"),
    path("<slug:slug>/edit/", views.case_edit_view, name="case-edit"),
]
