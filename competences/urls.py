from django.urls import URLPattern

app_name = "competences"

urlpatterns: list[URLPattern] = []
