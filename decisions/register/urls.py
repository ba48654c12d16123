"""URLs of the register pages (included by decisions/urls.py)."""

from django.urls import URLPattern, path

from decisions.register import views

register_urlpatterns: list[URLPattern] = [
    path("territoire/<int:territory_pk>/releve/", views.register, name="register"),
    path("territoire/<int:territory_pk>/releve.pdf", views.register_pdf, name="register_pdf"),
    path("territoire/<int:territory_pk>/releve.odt", views.register_odt, name="register_odt"),
    path("territoire/<int:territory_pk>/releve.csv", views.register_csv, name="register_csv"),
    path(
        "territoire/<int:territory_pk>/releve/export/",
        views.register_export_request,
        name="register_export_request",
    ),
    path("releve/export/<int:pk>/", views.register_export, name="register_export"),
    path(
        "releve/export/<int:pk>/fichier/",
        views.register_export_download,
        name="register_export_download",
    ),
    path(
        "releve/export/<int:pk>/relancer/",
        views.register_export_retry,
        name="register_export_retry",
    ),
    path("instance/<int:body_pk>/releve/", views.body_register, name="body_register"),
    path("instance/<int:body_pk>/releve.pdf", views.body_register_pdf, name="body_register_pdf"),
    path("instance/<int:body_pk>/releve.odt", views.body_register_odt, name="body_register_odt"),
    path("instance/<int:body_pk>/releve.csv", views.body_register_csv, name="body_register_csv"),
    path(
        "instance/<int:body_pk>/releve/export/",
        views.body_register_export_request,
        name="body_register_export_request",
    ),
    path("<int:pk>/", views.decision_detail, name="decision"),
    path(
        "<int:pk>/participants/",
        views.decision_participants_view,
        name="decision_participants",
    ),
]
