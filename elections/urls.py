"""URLs of elections without candidates."""

from django.urls import URLPattern, path

from elections import views

app_name = "elections"

urlpatterns: list[URLPattern] = [
    path("instance/<int:body_pk>/", views.body_list, name="body_elections"),
    path("instance/<int:body_pk>/nouvelle/", views.election_create, name="create"),
    path("<int:pk>/", views.election_detail, name="detail"),
    path("<int:pk>/nomination/", views.nominate, name="nominate"),
    path("<int:pk>/etape-suivante/", views.advance, name="advance"),
    path("<int:pk>/proposer/", views.propose, name="propose"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
]
