from django.urls import path

from minutes import views

app_name = "minutes"

urlpatterns = [
    path("reunions/<int:meeting_pk>/", views.for_meeting, name="for_meeting"),
    path("reunions/<int:meeting_pk>/rediger/", views.draft, name="draft"),
    path("reunions/<int:meeting_pk>/ordre-du-jour.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/relecture/", views.submit, name="submit"),
    path("<int:pk>/amender/", views.amend, name="amend"),
    path("<int:pk>/approuver/", views.approve, name="approve"),
    path("<int:pk>/corriger/", views.correct, name="correct"),
    path("<int:pk>/compte-rendu.pdf", views.pdf, name="pdf"),
    path("<int:pk>/compte-rendu.odt", views.odt, name="odt"),
    path("<int:pk>/historique/", views.history, name="history"),
    path("amendements/<int:pk>/decision/", views.amendment_decide, name="amendment_decide"),
]
