"""URLs of the opération miroir (miroir/) and the maturity self-assessment (maturite/)."""

from django.urls import URLPattern, path

from reflection import maturity_views, views

app_name = "reflection"

urlpatterns: list[URLPattern] = [
    path("miroir/", views.mine, name="mine"),
    path("miroir/instance/<int:body_pk>/", views.body_page, name="body"),
    path("miroir/instance/<int:body_pk>/tendances.csv", views.trend_csv, name="trend_csv"),
    path("miroir/instance/<int:body_pk>/rythme/", views.schedule, name="schedule"),
    path("miroir/instance/<int:body_pk>/nouvelle/", views.session_create, name="session_create"),
    path("miroir/<int:pk>/", views.session_page, name="session"),
    path("miroir/<int:pk>/resultats.csv", views.results_csv, name="results_csv"),
    path("miroir/<int:pk>/questionnaire/", views.questions, name="questions"),
    path("miroir/<int:pk>/ouvrir/", views.session_open, name="session_open"),
    path("miroir/<int:pk>/clore/", views.session_close, name="session_close"),
    path("miroir/<int:pk>/repondre/", views.answer, name="answer"),
    path("miroir/<int:pk>/relancer/", views.remind, name="remind"),
    path("miroir/<int:pk>/actions/", views.action_add, name="action_add"),
    path("miroir/<int:pk>/plan/", views.plan, name="plan"),
    path("miroir/<int:pk>/plan/soumettre/", views.plan_submit, name="plan_submit"),
    path("maturite/instance/<int:body_pk>/", maturity_views.body_page, name="maturity"),
    path(
        "maturite/instance/<int:body_pk>/evolution.csv",
        maturity_views.evolution_csv,
        name="maturity_csv",
    ),
    path(
        "maturite/instance/<int:body_pk>/nouveau/",
        maturity_views.round_create,
        name="round_create",
    ),
    path("maturite/<int:pk>/", maturity_views.round_page, name="round"),
    path("maturite/<int:pk>/repondre/", maturity_views.round_answer, name="round_answer"),
    path("maturite/<int:pk>/clore/", maturity_views.round_close, name="round_close"),
    path("maturite/<int:pk>/prochaine-etape/", maturity_views.next_step, name="next_step"),
]
