from django.urls import path

from budgets import views

urlpatterns = [
    path("budgets/lines/<int:pk>/", views.budget_line_detail_view, name="budget-line-detail"),
    path("budgets/lines/<int:pk>/edit/", views.budget_line_edit_view, name="budget-line-edit"),
    path("budgets/space/<int:year>/edit/", views.budget_space_edit_view, name="budget-space-edit"),
    path("decisions/", views.decision_list_view, name="decision-list"),
]
