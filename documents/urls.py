"""URLs of documents, mounted at /documents/ (the upload pages of a meeting and of an
agenda item, under the same prefix, are meetings': meetings/attachment_urls.py)."""

from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("instance/<int:body_pk>/", views.body_documents, name="body_documents"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/nouvelle-version/", views.new_version, name="new_version"),
    path("<int:pk>/telecharger/", views.download, name="download"),
    path("<int:pk>/supprimer/", views.delete, name="delete"),
]
