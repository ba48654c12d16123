from django.urls import path

from bodies import views

app_name = "bodies"

urlpatterns = [
    path("nouvelle/<int:territory_pk>/", views.body_create, name="create"),
    path("<int:pk>/", views.body_detail, name="detail"),
    path("<int:pk>/modifier/", views.body_update, name="update"),
    path("<int:pk>/membres/ajouter/", views.membership_create, name="membership_create"),
    path("participations/<int:pk>/terminer/", views.membership_end, name="membership_end"),
    path("<int:pk>/historique/", views.body_history_view, name="history"),
]
