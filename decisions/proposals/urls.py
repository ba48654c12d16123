"""URLs of the proposal pages (included by decisions/urls.py, under /decisions/)."""

from django.urls import URLPattern, path

from decisions.proposals import actions, change_views, views

proposal_urlpatterns: list[URLPattern] = [
    path(
        "<int:pk>/proposer-une-modification/",
        change_views.decision_amend,
        name="decision_amend",
    ),
    path(
        "<int:pk>/proposer-un-remplacement/",
        change_views.decision_supersede,
        name="decision_supersede",
    ),
    path("instance/<int:body_pk>/propositions/", views.body_proposals_view, name="body_proposals"),
    path(
        "instance/<int:body_pk>/propositions/deposer/",
        views.proposal_create,
        name="proposal_create",
    ),
    path("propositions/<int:pk>/", views.proposal_detail, name="proposal"),
    path("propositions/<int:pk>/ouvrir/", actions.proposal_open, name="proposal_open"),
    path(
        "propositions/<int:pk>/etape-suivante/",
        actions.proposal_advance,
        name="proposal_advance",
    ),
    path("propositions/<int:pk>/repondre/", actions.proposal_turn, name="proposal_turn"),
    path(
        "propositions/<int:pk>/amendement/",
        actions.proposal_amendment,
        name="proposal_amendment",
    ),
    path(
        "propositions/<int:pk>/amender/",
        actions.proposal_amend_text,
        name="proposal_amend_text",
    ),
    path("propositions/<int:pk>/avis/", actions.proposal_opinion, name="proposal_opinion"),
    path("propositions/<int:pk>/adopter/", actions.proposal_adopt, name="proposal_adopt"),
    path("propositions/<int:pk>/retirer/", actions.proposal_withdraw, name="proposal_withdraw"),
    path(
        "amendements/<int:pk>/traiter/",
        actions.amendment_decide,
        name="proposal_amendment_decide",
    ),
    path(
        "objections/<int:pk>/retirer/",
        actions.objection_withdraw,
        name="proposal_objection_withdraw",
    ),
]
