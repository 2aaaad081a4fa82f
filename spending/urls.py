from django.urls import path

from spending import views

urlpatterns = [
    path("", views.queue_view, name="spending-queue"),
    path("mine/", views.mine_view, name="spending-mine"),
    path("new/", views.create_view, name="spending-create"),
    path("budget/", views.budget_view, name="spending-budget"),
    path("<int:pk>/", views.detail_view, name="spending-detail"),
    path("<int:pk>/edit/", views.edit_view, name="spending-edit"),
    path("<int:pk>/submit/", views.submit_view, name="spending-submit"),
    path("<int:pk>/approve/", views.approve_view, name="spending-approve"),
    path("<int:pk>/reject/", views.reject_view, name="spending-reject"),
    path("<int:pk>/return/", views.return_view, name="spending-return"),
    path("<int:pk>/withdraw/", views.withdraw_view, name="spending-withdraw"),
    path("<int:pk>/realise/", views.realise_view, name="spending-realise"),
]
