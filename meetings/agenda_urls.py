"""URLs of the agenda, the convocation and the calendar feeds (included by urls.py)."""

agenda_urlpatterns: list = []
