from django.urls import path

from partners import views

urlpatterns = [
    path("", views.partner_list_view, name="partner-list"),
    path("<int:pk>/", views.related_programme_detail_view, name="related-programme-detail"),
    path("<int:pk>/edit/", views.related_programme_edit_view, name="related-programme-edit"),
    path("organisations/", views.organisation_list_view, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail_view, name="organisation-detail"),
    path("search/", views.partner_search_view, name="partner-search"),
]
