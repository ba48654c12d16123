"""URLs of the agenda, the convocation and the calendar feeds (included by urls.py,
relative to /reunions/)."""

from django.urls import URLPattern, path

from meetings import agenda_views as views

agenda_urlpatterns: list[URLPattern] = [
    path("<int:pk>/ordre-du-jour/", views.agenda, name="agenda"),
    path("<int:pk>/ordre-du-jour/proposer/", views.item_propose, name="item_propose"),
    path("<int:pk>/ordre-du-jour/ordre/", views.item_reorder, name="item_reorder"),
    path("<int:pk>/ordre-du-jour/point/", views.item_action, name="item_action"),
    path("<int:pk>/ordre-du-jour/tours-de-table/", views.add_rounds, name="add_rounds"),
    path("points/<int:pk>/modifier/", views.item_edit, name="item_edit"),
    path("points/<int:pk>/deplacer/", views.item_move, name="item_move"),
    path("points/<int:pk>/retenir/", views.item_accept, name="item_accept"),
    path("points/<int:pk>/reporter/", views.item_defer, name="item_defer"),
    path("points/<int:pk>/fusionner/", views.item_merge, name="item_merge"),
    path("<int:pk>/convoquer/", views.convene, name="convene"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("<int:pk>/invitation.ics", views.meeting_ics, name="meeting_ics"),
    path("mon-calendrier/", views.my_calendar, name="my_calendar"),
    path("calendrier/personne/<str:token>.ics", views.person_feed, name="person_feed"),
    path("calendrier/instance/<str:token>.ics", views.body_feed, name="body_feed"),
    path("calendrier/renouveler/", views.feed_renew, name="feed_renew"),
    path(
        "calendrier/instance/<int:body_pk>/renouveler/",
        views.body_feed_renew,
        name="body_feed_renew",
    ),
]
