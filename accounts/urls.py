from django.urls import path

from django.contrib.auth import views as auth_views

app_name = "accounts"

urlpatterns = [
    path("connexion/", auth_views.LoginView.as_view(), name="login"),
]
