"""URLs of the framework pages (included by decisions/urls.py)."""

from django.urls import URLPattern

framework_urlpatterns: list[URLPattern] = []
