from django.urls import path

from workshops import feed_views

urlpatterns = [
    path("", feed_views.feeds_view, name="calendar-feeds"),
    path("renew/", feed_views.feed_renew_view, name="calendar-feed-renew"),
    path("<slug:token>.ics", feed_views.feed_user_view, name="calendar-feed-user"),
    path("<slug:token>/team/<int:pk>.ics", feed_views.feed_team_view, name="calendar-feed-team"),
    path("<slug:token>/case/<int:pk>.ics", feed_views.feed_case_view, name="calendar-feed-case"),
]
