from django.urls import path

from parity import views

app_name = "parity"

urlpatterns = [
    path("parite/instance/<int:body_pk>/", views.body_parity, name="body"),
    path("parite/instance/<int:body_pk>/<slug:table>.csv", views.body_parity_csv, name="csv"),
]
