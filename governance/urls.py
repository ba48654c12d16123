"""URLs of the governance pages, at the paths they had in meetings (/reunions/: the
charter) and decisions (/decisions/: the reference framework). Submitting a draft to
consent is a page of decisions (decisions:charter_submit, decisions:framework_submit)."""

from django.urls import URLPattern, URLResolver, include, path

from governance.views import charter as charter_views
from governance.views import framework as framework_views

app_name = "governance"

charter_urlpatterns: list[URLPattern] = [
    path("instance/<int:body_pk>/charte/", charter_views.charter, name="charter"),
    path(
        "instance/<int:body_pk>/charte/nouvelle-version/",
        charter_views.charter_new,
        name="charter_new",
    ),
    path("chartes/<int:pk>/", charter_views.charter_version, name="charter_version"),
]

framework_urlpatterns: list[URLPattern] = [
    path("instance/<int:body_pk>/cadre/", framework_views.framework_page, name="framework"),
    path(
        "instance/<int:body_pk>/cadre/nouvelle-version/",
        framework_views.framework_new,
        name="framework_new",
    ),
    path("cadres/<int:pk>/", framework_views.framework_version, name="framework_version"),
    path("cadres/<int:pk>/modifier/", framework_views.framework_edit, name="framework_edit"),
    path(
        "cadres/<int:pk>/objets/ajouter/",
        framework_views.framework_object_add,
        name="framework_object_add",
    ),
    path(
        "cadres/objets/<int:pk>/modifier/",
        framework_views.framework_object_edit,
        name="framework_object_edit",
    ),
    path(
        "cadres/objets/<int:pk>/retirer/",
        framework_views.framework_object_delete,
        name="framework_object_delete",
    ),
    path(
        "cadres/objets/<int:pk>/deplacer/",
        framework_views.framework_object_move,
        name="framework_object_move",
    ),
    path(
        "cadres/<int:pk>/sources/ajouter/",
        framework_views.framework_source_add,
        name="framework_source_add",
    ),
    path(
        "cadres/sources/<int:pk>/retirer/",
        framework_views.framework_source_delete,
        name="framework_source_delete",
    ),
]

urlpatterns: list[URLResolver] = [
    path("reunions/", include(charter_urlpatterns)),
    path("decisions/", include(framework_urlpatterns)),
]
