"""URLs of meetings. The charter and calendar pages live in views.py; the agenda,
convocation and calendar feeds in agenda_views.py (agenda_urls.py)."""

from django.urls import path  # noqa: F401

from meetings.agenda_urls import agenda_urlpatterns

app_name = "meetings"

urlpatterns: list = [*agenda_urlpatterns]
