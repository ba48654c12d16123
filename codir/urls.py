from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Codir · administration de la plate-forme"
admin.site.site_title = "Codir"

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("territoires/", include("territories.urls")),
    path("instances/", include("bodies.urls")),
    path("", include("governance.urls")),
    path("reunions/", include("meetings.urls")),
    path("documents/", include("documents.urls")),
    path("comptes-rendus/", include("minutes.urls")),
    path("", include("decisions.urls")),
    path("suivi/", include("followup.urls")),
    path("elections/", include("elections.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
