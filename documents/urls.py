"""URLs of documents, mounted at /documents/."""

from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("instance/<int:body_pk>/", views.body_documents, name="body_documents"),
    path("reunion/<int:meeting_pk>/deposer/", views.upload_meeting, name="upload_meeting"),
    path("point/<int:item_pk>/deposer/", views.upload_item, name="upload_item"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/nouvelle-version/", views.new_version, name="new_version"),
    path("<int:pk>/telecharger/", views.download, name="download"),
    path("<int:pk>/supprimer/", views.delete, name="delete"),
]
