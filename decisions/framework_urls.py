"""URLs of the framework pages (included by decisions/urls.py, under /decisions/)."""

from django.urls import URLPattern, path

from decisions import framework_views as views

framework_urlpatterns: list[URLPattern] = [
    path("instance/<int:body_pk>/cadre/", views.framework, name="framework"),
    path(
        "instance/<int:body_pk>/cadre/nouvelle-version/",
        views.framework_new,
        name="framework_new",
    ),
    path("cadres/<int:pk>/", views.framework_version, name="framework_version"),
    path("cadres/<int:pk>/modifier/", views.framework_edit, name="framework_edit"),
    path(
        "cadres/<int:pk>/objets/ajouter/", views.framework_object_add, name="framework_object_add"
    ),
    path(
        "cadres/objets/<int:pk>/modifier/",
        views.framework_object_edit,
        name="framework_object_edit",
    ),
    path(
        "cadres/objets/<int:pk>/retirer/",
        views.framework_object_delete,
        name="framework_object_delete",
    ),
    path(
        "cadres/objets/<int:pk>/deplacer/",
        views.framework_object_move,
        name="framework_object_move",
    ),
    path(
        "cadres/<int:pk>/sources/ajouter/", views.framework_source_add, name="framework_source_add"
    ),
    path(
        "cadres/sources/<int:pk>/retirer/",
        views.framework_source_delete,
        name="framework_source_delete",
    ),
    path("cadres/<int:pk>/consentement/", views.framework_submit, name="framework_submit"),
]
