"""URLs of the upload pages of a meeting and of an agenda item (included by urls.py,
relative to /documents/, where they were before meetings took them over)."""

from django.urls import URLPattern, path

from meetings import attachment_views as views

attachment_urlpatterns: list[URLPattern] = [
    path("reunion/<int:meeting_pk>/deposer/", views.document_upload, name="document_upload"),
    path("point/<int:item_pk>/deposer/", views.item_document_upload, name="item_document_upload"),
]
