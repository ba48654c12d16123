"""URLs of the register pages (included by decisions/urls.py)."""

from django.urls import URLPattern

register_urlpatterns: list[URLPattern] = []
