"""The directory's pages, under three URL namespaces named after what they show:
`territories:` (a territory, its organisations and functions), `bodies:` (a body and
its seats) and `people:` (invitations, profiles, people)."""

from django.urls import path

from directory import body_views, operator_views, people_views, territory_views

territory_patterns = [
    path("", territory_views.territory_list, name="list"),
    path("importer/", operator_views.territory_import_search, name="import_search"),
    path(
        "importer/<str:siren>/",
        operator_views.territory_import_confirm,
        name="import_confirm",
    ),
    path("<int:pk>/", territory_views.territory_detail, name="detail"),
    path("<int:pk>/annuaire/", territory_views.directory, name="directory"),
    path("<int:pk>/historique/", territory_views.territory_history, name="history"),
    path(
        "<int:pk>/organisations/ajouter/",
        territory_views.organisation_create,
        name="organisation_create",
    ),
    path(
        "organisations/<int:pk>/",
        territory_views.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<int:pk>/modifier/",
        territory_views.organisation_update,
        name="organisation_update",
    ),
    path(
        "organisations/<int:pk>/historique/",
        territory_views.organisation_history_view,
        name="organisation_history",
    ),
    path(
        "organisations/<int:pk>/fonctions/ajouter/",
        territory_views.position_create,
        name="position_create",
    ),
    path("fonctions/<int:pk>/terminer/", territory_views.position_end, name="position_end"),
]

body_patterns = [
    path("nouvelle/<int:territory_pk>/", body_views.body_create, name="create"),
    path("<int:pk>/", body_views.body_detail, name="detail"),
    path("<int:pk>/modifier/", body_views.body_update, name="update"),
    path("<int:pk>/membres/", body_views.body_members_view, name="members"),
    path("<int:pk>/membres/ajouter/", body_views.membership_create, name="membership_create"),
    path("participations/<int:pk>/terminer/", body_views.membership_end, name="membership_end"),
    path("<int:pk>/historique/", body_views.body_history_view, name="history"),
]

people_patterns = [
    path(
        "territoires/<int:territory_pk>/inviter/",
        people_views.invite_to_territory,
        name="invite_to_territory",
    ),
    path("instances/<int:body_pk>/inviter/", people_views.invite_to_body, name="invite_to_body"),
    path("invitations/<int:pk>/annuler/", people_views.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", people_views.invitation_accept, name="invitation_accept"),
    path("profil/", people_views.profile, name="profile"),
    path("personnes/<int:pk>/", people_views.person_detail, name="person_detail"),
    path("personnes/<int:pk>/historique/", people_views.person_history, name="person_history"),
]
