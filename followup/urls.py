"""URLs of the follow-up of decisions (suivi)."""

from django.urls import URLPattern, path

from followup import views

app_name = "followup"

urlpatterns: list[URLPattern] = [
    path("mes-actions/", views.mine, name="mine"),
    path("instances/<int:body_pk>/", views.board, name="board"),
    path(
        "instances/<int:body_pk>/actions/nouvelle/",
        views.body_action_create,
        name="body_action_create",
    ),
    path("decisions/<int:decision_pk>/", views.decision_page, name="decision"),
    path(
        "decisions/<int:decision_pk>/actions/nouvelle/",
        views.decision_action_create,
        name="decision_action_create",
    ),
    path(
        "decisions/<int:decision_pk>/communes/",
        views.implementations_create,
        name="implementations_create",
    ),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/modifier/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/etat/", views.action_status, name="action_status"),
    path("mises-en-oeuvre/<int:pk>/", views.implementation_edit, name="implementation"),
]
