"""The role table: every action a page offers, who may do it, and what a refused person
is told. Views ask `require(user, PERMISSION, obj)` (403 with the message) or
`user.has_perm(PERMISSION, obj)`; templates use `{% has_perm %}` of `rules`.

| action                                   | who                                              |
|------------------------------------------|--------------------------------------------------|
| create a territory from the official     | the operator (staff)                             |
|   data, re-import it                     |                                                  |
| manage a territory (organisations,       | its administrators, the operator                 |
|   functions, invitations, bodies)        |                                                  |
| manage a body (edit, seats, invitations) | the territory's administrators                   |
| plan meetings, draft charter/framework   | whoever runs the body's meetings: the            |
|   drive elections and the follow-up      |   administrators, the facilitator for the term,  |
|                                          |   the secretary where the charter says so        |
| run one meeting: convene, reorder the    | those, and the facilitator named for the meeting |
|   agenda, move it, open and close it     |   (its secretary where the charter says so)      |
| record attendance, write the minutes     | those, and the meeting's secretary               |
| propose an agenda item, file a proposal, | the members (guests excepted), the               |
|   share a document, add an action        |   administrators                                 |
| amend the minutes                        | the members and those who write them             |
| share a document on an item              | those, and the item's presenter (a guest, often) |
| delete a document                        | who uploaded it, the administrators              |
| drive a proposal                         | its proposer, whoever runs the meeting it is     |
|                                          |   treated in, whoever runs the body's meetings   |
| edit an action or a commune's row        | its owner, whoever runs the body's meetings      |
| record the actors around the territory   | the territory's administrators, the facilitator  |
|   and the relational strategy with each  |   of a body of its first circle (the codir)       |
| fill in a commune's competence grid      | the administrators, whoever holds a position in  |
|                                          |   the commune now (secrétaire de mairie, DGS)    |
| answer an opération miroir, assess the   | the body's members (guests excepted)             |
|   codir's maturity                       |                                                  |
| schedule, open, close and remind a       | whoever runs the body's meetings                 |
|   mirror or a maturity round; record its |                                                  |
|   actions, plan and next step            |                                                  |
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from access.roles import (
    facilitates_a_codir,
    is_body_member,
    is_meeting_secretary,
    is_operator,
    is_territory_admin,
    is_territory_member,
    owns_it,
    presents_item,
    proposed_it,
    runs_body_meetings,
    runs_meeting,
    sits_in_body,
    uploaded_it,
    works_in_organisation,
)
from accounts.models import Person

IMPORT_TERRITORIES = "territories.import_territories"
VIEW_TERRITORY = "territories.view_territory"
MANAGE_TERRITORY = "territories.manage_territory"
VIEW_BODY = "bodies.view_body"
MANAGE_BODY = "bodies.manage_body"
PLAN_MEETINGS = "meetings.plan_meetings"
RUN_MEETING = "meetings.run_meeting"
RECORD_MEETING = "meetings.record_meeting"
CONTRIBUTE = "bodies.contribute"
DRAFT_TEXTS = "governance.draft_texts"
AMEND_MINUTES = "minutes.amend_minutes"
SHARE_ON_ITEM = "documents.share_on_item"
DELETE_DOCUMENT = "documents.delete_document"
DRIVE_PROPOSAL = "decisions.drive_proposal"
MANAGE_FOLLOWUP = "followup.manage_followup"
EDIT_FOLLOWUP = "followup.edit_followup"
DRIVE_ELECTION = "elections.drive_election"
MANAGE_NETWORKS = "networks.manage_networks"
EDIT_COMMUNE_COMPETENCES = "competences.edit_commune"
ANSWER_REFLECTION = "reflection.answer"
RUN_REFLECTION = "reflection.run"

# Each rule asks the cheap questions (attributes of the object) before the roles (one
# query per request and body, access.roles.held_roles).
administrators = is_operator | is_territory_admin
members = administrators | is_body_member

RULES: dict[str, tuple[Any, Promise]] = {
    IMPORT_TERRITORIES: (
        is_operator,
        _("La création des territoires est réservée à l'opérateur de la plate-forme."),
    ),
    VIEW_TERRITORY: (
        is_operator | is_territory_member,
        _("Cette page est réservée aux membres du territoire."),
    ),
    MANAGE_TERRITORY: (
        administrators,
        _("Cette action est réservée aux administrateurs du territoire."),
    ),
    VIEW_BODY: (
        administrators | sits_in_body,
        _("Cette page est réservée aux personnes qui siègent dans l'instance."),
    ),
    MANAGE_BODY: (
        administrators,
        _("La composition de l'instance est gérée par les administrateurs du territoire."),
    ),
    PLAN_MEETINGS: (
        runs_body_meetings,
        _(
            "Cette action revient à qui anime les réunions de l'instance : son animateur·rice "
            "ou, si la charte le prévoit, son ou sa secrétaire, et les administrateurs du "
            "territoire."
        ),
    ),
    RUN_MEETING: (
        runs_meeting,
        _(
            "Cette action revient à qui anime cette réunion : l'animateur·rice de la réunion "
            "ou de l'instance ou, si la charte le prévoit, le ou la secrétaire, et les "
            "administrateurs du territoire."
        ),
    ),
    RECORD_MEETING: (
        is_meeting_secretary | runs_meeting,
        _("Cette action revient au ou à la secrétaire de séance et à qui anime la réunion."),
    ),
    CONTRIBUTE: (
        members,
        _("Cette action est réservée aux membres de l'instance (les invités n'y ont pas accès)."),
    ),
    AMEND_MINUTES: (
        is_meeting_secretary | runs_meeting | members,
        _("Seuls les membres de l'instance peuvent amender le compte-rendu."),
    ),
    SHARE_ON_ITEM: (
        presents_item | members,
        _(
            "Seuls les membres de l'instance et la personne qui présente le point peuvent "
            "y joindre un document."
        ),
    ),
    DELETE_DOCUMENT: (
        uploaded_it | administrators,
        _("Seule la personne qui a déposé ce document peut le retirer."),
    ),
    DRIVE_PROPOSAL: (
        proposed_it | runs_meeting,
        _(
            "Seuls le porteur de la proposition et qui anime la réunion ou l'instance peuvent "
            "la faire avancer."
        ),
    ),
    DRAFT_TEXTS: (
        runs_body_meetings,
        _(
            "La charte et le cadre de référence sont rédigés par qui anime l'instance : son "
            "animateur·rice et les administrateurs du territoire."
        ),
    ),
    MANAGE_FOLLOWUP: (
        runs_body_meetings,
        _(
            "Le suivi de l'instance est géré par qui l'anime et par les administrateurs "
            "du territoire."
        ),
    ),
    DRIVE_ELECTION: (
        runs_body_meetings,
        _(
            "Une élection est conduite par qui anime l'instance : son animateur·rice et les "
            "administrateurs du territoire."
        ),
    ),
    EDIT_FOLLOWUP: (
        owns_it | runs_body_meetings,
        _("Seuls son ou sa responsable et qui anime l'instance peuvent modifier ce suivi."),
    ),
    MANAGE_NETWORKS: (
        administrators | facilitates_a_codir,
        _(
            "Les acteurs du territoire et les stratégies relationnelles sont tenus par les "
            "administrateurs du territoire et par l'animateur·rice du codir."
        ),
    ),
    EDIT_COMMUNE_COMPETENCES: (
        administrators | (is_territory_member & works_in_organisation),
        _(
            "La grille d'une commune est remplie par son ou sa secrétaire de mairie (ou son "
            "DGS) et par les administrateurs du territoire."
        ),
    ),
    ANSWER_REFLECTION: (
        is_body_member,
        _("Seuls les membres de l’instance répondent (les invités n’y ont pas accès)."),
    ),
    RUN_REFLECTION: (
        runs_body_meetings,
        _(
            "L’opération miroir et l’autodiagnostic sont conduits par qui anime l’instance : "
            "son animateur·rice et les administrateurs du territoire."
        ),
    ),
}

for name, (predicate, _message) in RULES.items():
    rules.add_perm(name, predicate)


def allowed(user: Person, permission: str, obj: Any) -> bool:
    return bool(user.has_perm(permission, obj))


def refusal(permission: str) -> str:
    """What a refused person is told: who may do it."""
    return str(RULES[permission][1])


def require(user: Person, permission: str, obj: Any) -> None:
    """Refuse with the permission's message (a 403 page that says who may do it)."""
    if not allowed(user, permission, obj):
        raise PermissionDenied(refusal(permission))
