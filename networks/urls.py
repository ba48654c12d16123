"""URLs of the networks: the map (reseaux/) and the external actors (acteurs/)."""

from django.urls import URLPattern, path

from networks import views

app_name = "networks"

urlpatterns: list[URLPattern] = [
    path("reseaux/<int:territory_pk>/", views.network_map, name="map"),
    path("reseaux/<int:territory_pk>/passeurs/", views.bridges, name="bridges"),
    path("acteurs/territoire/<int:territory_pk>/", views.actor_list, name="actor_list"),
    path(
        "acteurs/territoire/<int:territory_pk>/nouveau/",
        views.actor_create,
        name="actor_create",
    ),
    path("acteurs/<int:pk>/", views.actor_detail, name="actor_detail"),
    path("acteurs/<int:pk>/modifier/", views.actor_edit, name="actor_edit"),
    path("acteurs/<int:pk>/contacts/nouveau/", views.contact_create, name="contact_create"),
    path("acteurs/contacts/<int:pk>/retirer/", views.contact_delete, name="contact_delete"),
    path("acteurs/<int:pk>/personnes/nouvelle/", views.link_create, name="link_create"),
    path("acteurs/liens/<int:pk>/terminer/", views.link_end, name="link_end"),
    path("acteurs/<int:pk>/strategie/", views.strategy_edit, name="strategy_edit"),
    path("acteurs/<int:pk>/echanges/nouveau/", views.exchange_create, name="exchange_create"),
]
