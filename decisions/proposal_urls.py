"""URLs of the proposal pages (included by decisions/urls.py)."""

from django.urls import URLPattern

proposal_urlpatterns: list[URLPattern] = []
