"""URLs of meetings, mounted at the root: the meetings' pages under /reunions/, the upload
pages of a meeting and of an item under /documents/ (their address before meetings took
them over). The calendar pages live in views.py (the charter's pages are governance's);
the agenda, convocation and calendar feeds in agenda_views.py (agenda_urls.py); the live
meeting in live_views.py (live_urls.py); the uploads in attachment_views.py."""

from django.urls import include, path

from meetings import rsvp_views, views
from meetings.agenda_urls import agenda_urlpatterns
from meetings.attachment_urls import attachment_urlpatterns
from meetings.live_urls import live_urlpatterns

app_name = "meetings"

meeting_urlpatterns: list = [
    path("instance/<int:body_pk>/", views.body_meetings, name="body_meetings"),
    path("instance/<int:body_pk>/nouvelle/", views.meeting_create, name="create"),
    path("instance/<int:body_pk>/generer/", views.generate, name="generate"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/modifier/", views.meeting_update, name="update"),
    path("<int:pk>/roles/", views.meeting_roles, name="roles"),
    path("<int:pk>/presences/", views.attendance, name="attendance"),
    path("<int:pk>/reponse/", views.reply, name="reply"),
    path("reponse/<str:token>/", rsvp_views.reply_link, name="reply_link"),
    *agenda_urlpatterns,
    *live_urlpatterns,
]

urlpatterns = [
    path("reunions/", include(meeting_urlpatterns)),
    path("documents/", include(attachment_urlpatterns)),
]
