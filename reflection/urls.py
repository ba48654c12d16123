from django.urls import URLPattern

app_name = "reflection"

urlpatterns: list[URLPattern] = []
