"""URLs of the proposal pages (included by decisions/urls.py, under /decisions/)."""

from django.urls import URLPattern, path

from decisions.proposals import views

proposal_urlpatterns: list[URLPattern] = [
    path("instance/<int:body_pk>/propositions/", views.body_proposals_view, name="body_proposals"),
    path(
        "instance/<int:body_pk>/propositions/deposer/",
        views.proposal_create,
        name="proposal_create",
    ),
    path("propositions/<int:pk>/", views.proposal_detail, name="proposal"),
    path("propositions/<int:pk>/ouvrir/", views.proposal_open, name="proposal_open"),
    path("propositions/<int:pk>/etape-suivante/", views.proposal_advance, name="proposal_advance"),
    path("propositions/<int:pk>/repondre/", views.proposal_turn, name="proposal_turn"),
    path("propositions/<int:pk>/amendement/", views.proposal_amendment, name="proposal_amendment"),
    path("propositions/<int:pk>/amender/", views.proposal_amend_text, name="proposal_amend_text"),
    path("propositions/<int:pk>/avis/", views.proposal_opinion, name="proposal_opinion"),
    path("propositions/<int:pk>/adopter/", views.proposal_adopt, name="proposal_adopt"),
    path("propositions/<int:pk>/retirer/", views.proposal_withdraw, name="proposal_withdraw"),
    path("amendements/<int:pk>/traiter/", views.amendment_decide, name="proposal_amendment_decide"),
    path(
        "objections/<int:pk>/retirer/", views.objection_withdraw, name="proposal_objection_withdraw"
    ),
]
