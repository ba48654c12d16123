from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oubli/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/enregistre/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "mot-de-passe/modifier/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "mot-de-passe/modifie/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "territoires/<int:territory_pk>/inviter/",
        views.invite_to_territory,
        name="invite_to_territory",
    ),
    path("instances/<int:body_pk>/inviter/", views.invite_to_body, name="invite_to_body"),
    path("invitations/<int:pk>/annuler/", views.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("profil/", views.profile, name="profile"),
    path("personnes/<int:pk>/", views.person_detail, name="person_detail"),
    path("personnes/<int:pk>/historique/", views.person_history, name="person_history"),
]
