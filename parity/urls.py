from django.urls import URLPattern

app_name = "parity"

urlpatterns: list[URLPattern] = []
