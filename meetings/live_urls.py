"""URLs of the live meeting (included by urls.py, relative to /reunions/)."""

from django.urls import URLPattern, path

from meetings import live_views as views

live_urlpatterns: list[URLPattern] = [
    path("<int:pk>/ouvrir/", views.start, name="start"),
    path("<int:pk>/clore/", views.close, name="close"),
    path("<int:pk>/en-direct/", views.live_page, name="live"),
    path("<int:pk>/en-direct/fragment/", views.live_fragment, name="live_fragment"),
    path("<int:pk>/en-direct/evenements/", views.live_events, name="live_events"),
    path("<int:pk>/en-direct/suivant/", views.next_item, name="live_next"),
    path("<int:pk>/en-direct/precedent/", views.previous_item, name="live_previous"),
    path("points/<int:pk>/en-direct/tour/", views.round_next, name="live_round_next"),
    path("points/<int:pk>/en-direct/notes/", views.notes, name="live_notes"),
    path("points/<int:pk>/en-direct/issue/", views.outcome, name="live_outcome"),
]
