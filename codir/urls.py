from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from directory.urls import body_patterns, people_patterns, territory_patterns

admin.site.site_header = "Codir · administration de la plate-forme"
admin.site.site_title = "Codir"

# A database error outside a view answers 503 too (core/unavailable.py).
handler500 = "core.unavailable.server_error"

urlpatterns = [
    path("", include("home.urls")),
    path("", include("accounts.urls")),
    path("", include((people_patterns, "people"))),
    path("territoires/", include((territory_patterns, "territories"))),
    path("instances/", include((body_patterns, "bodies"))),
    path("", include("governance.urls")),
    path("", include("meetings.urls")),  # /reunions/…, and /documents/… of a meeting
    path("documents/", include("documents.urls")),
    path("comptes-rendus/", include("minutes.urls")),
    path("", include("decisions.urls")),
    path("suivi/", include("followup.urls")),
    path("elections/", include("elections.urls")),
    path("", include("reflection.urls")),
    path("", include("parity.urls")),
    path("", include("networks.urls")),
    path("", include("competences.urls")),
    path("", include("legal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.CODIR_BENCH_FLOOR:
    urlpatterns.append(path("mesures/", include("benchmarks.urls")))
