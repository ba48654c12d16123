from django.urls import path

from territories import views

app_name = "territories"

urlpatterns = [
    path("", views.territory_list, name="list"),
    path("<int:pk>/", views.territory_detail, name="detail"),
    path("<int:pk>/annuaire/", views.directory, name="directory"),
    path("<int:pk>/historique/", views.territory_history, name="history"),
    path(
        "<int:pk>/organisations/ajouter/",
        views.organisation_create,
        name="organisation_create",
    ),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<int:pk>/historique/",
        views.organisation_history_view,
        name="organisation_history",
    ),
    path(
        "organisations/<int:pk>/fonctions/ajouter/",
        views.position_create,
        name="position_create",
    ),
    path("fonctions/<int:pk>/terminer/", views.position_end, name="position_end"),
]
