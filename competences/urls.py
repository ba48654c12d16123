"""URLs of who answers what: the members' pages (competences/…), the life scenarios
(parcours/…) and the public guidance page (guichet/…, no login)."""

from django.urls import URLPattern, path

from competences import public_views, scenario_views, views

app_name = "competences"

urlpatterns: list[URLPattern] = [
    path("competences/territoires/<int:pk>/", views.overview, name="overview"),
    path("competences/territoires/<int:pk>/charger/", views.load_reference, name="load_reference"),
    path("competences/territoires/<int:pk>/publication/", views.publish, name="publish"),
    path("competences/territoires/<int:pk>/par-defaut/", views.defaults, name="defaults"),
    path(
        "competences/territoires/<int:pk>/par-defaut/tout-modifier/",
        views.defaults_edit,
        name="defaults_edit",
    ),
    path(
        "competences/territoires/<int:pk>/par-defaut/<int:competence_pk>/",
        views.default_row,
        name="default_row",
    ),
    path(
        "competences/territoires/<int:pk>/ajouter/",
        views.competence_create,
        name="competence_create",
    ),
    path("competences/<int:pk>/modifier/", views.competence_edit, name="competence_edit"),
    path("competences/communes/<int:pk>/", views.commune_grid, name="commune"),
    path(
        "competences/communes/<int:pk>/tout-modifier/",
        views.commune_grid_edit,
        name="commune_edit",
    ),
    path(
        "competences/communes/<int:pk>/<int:competence_pk>/",
        views.commune_row,
        name="commune_row",
    ),
    path(
        "competences/territoires/<int:pk>/mutualisation/", views.mutualisation, name="mutualisation"
    ),
    path("competences/territoires/<int:pk>/pacte/", views.pact_edit, name="pact_edit"),
    path(
        "competences/territoires/<int:pk>/services-communs/nouveau/",
        views.shared_service_create,
        name="shared_service_create",
    ),
    path(
        "competences/services-communs/<int:pk>/",
        views.shared_service_edit,
        name="shared_service_edit",
    ),
    path(
        "competences/services-communs/<int:pk>/deposer/",
        views.shared_service_upload,
        name="shared_service_upload",
    ),
    path(
        "competences/services-communs/documents/<int:pk>/",
        views.shared_service_document,
        name="shared_service_document",
    ),
    path("parcours/territoires/<int:pk>/", scenario_views.scenarios, name="scenarios"),
    path("parcours/territoires/<int:pk>/ruptures/", scenario_views.ruptures, name="ruptures"),
    path("parcours/<int:pk>/modifier/", scenario_views.scenario_edit, name="scenario_edit"),
    path("guichet/<str:siren>/", public_views.guide, name="guide"),
    path(
        "guichet/<str:siren>/communes/<int:commune_pk>/fiche.pdf",
        public_views.guide_pdf,
        name="guide_pdf",
    ),
]
