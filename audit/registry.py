"""Which domain models are audited, and how each one names its territory.

django-auditlog records every create, update and delete (who, when, which fields,
before and after). Each entry carries the territory in `additional_data`, so that a
territory's history is one query and stays inside the territory.
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.apps import apps
from django.db.models import Model

# model label → path from the instance to its territory id
TERRITORY_PATHS: dict[str, str] = {
    "territories.territory": "pk",
    "territories.territorymember": "territory_id",
    "territories.organisation": "territory_id",
    "territories.position": "organisation.territory_id",
    "bodies.body": "territory_id",
    "bodies.bodymembership": "body.territory_id",
    "accounts.invitation": "territory_id",
    "governance.charter": "body.territory_id",
    "governance.framework": "body.territory_id",
    "governance.frameworkobject": "framework.body.territory_id",
    "governance.legitimacysource": "framework.body.territory_id",
    "meetings.meeting": "body.territory_id",
    "meetings.agendaitem": "meeting.body.territory_id",
    "meetings.attendance": "meeting.body.territory_id",
    "documents.document": "body.territory_id",
    "minutes.minutes": "meeting.body.territory_id",
    "minutes.minutesamendment": "minutes.meeting.body.territory_id",
    "decisions.proposal": "body.territory_id",
    "decisions.proposalversion": "proposal.body.territory_id",
    "decisions.turn": "proposal.body.territory_id",
    "decisions.objection": "proposal.body.territory_id",
    "decisions.amendment": "proposal.body.territory_id",
    "decisions.decision": "body.territory_id",
    "followup.action": "body.territory_id",
    "followup.actionnote": "action.body.territory_id",
    "followup.implementation": "decision.body.territory_id",
    "elections.election": "body.territory_id",
    "elections.nomination": "election.body.territory_id",
    "elections.electionproposal": "election.body.territory_id",
    "networks.actor": "territory_id",
    "networks.actorcontact": "actor.territory_id",
    "networks.actorlink": "actor.territory_id",
    "networks.strategy": "actor.territory_id",
    "networks.exchange": "actor.territory_id",
    "competences.competence": "territory_id",
    "competences.exercise": "territory_id",
    "competences.territoryguide": "territory_id",
    "competences.sharedservice": "territory_id",
    "competences.sharedservicedocument": "shared_service.territory_id",
    "competences.scenario": "territory_id",
    "competences.scenariostep": "scenario.territory_id",
    "accounts.person": "",
}

EXCLUDED_FIELDS: dict[str, list[str]] = {
    "accounts.person": ["password", "last_login"],
    "accounts.invitation": ["token_hash"],
    # Computed by the database from search_text: not a change anyone made.
    "decisions.decision": ["search_vector"],
    # Where a live meeting stands (moved every few minutes, with its version for the
    # participants' pages): operating state, not a decision; the items keep when they
    # started and how long they took.
    "meetings.meeting": ["live_version", "current_item", "current_item_since"],
}


def territory_id_of(instance: Model) -> int | None:
    path = TERRITORY_PATHS.get(instance._meta.label_lower, "")
    value: Any = instance
    for attribute in path.split(".") if path else []:
        value = getattr(value, attribute, None)
        if value is None:
            return None
    return value if path else None


def _additional_data(self: Model) -> dict[str, Any]:
    return {"territory": territory_id_of(self)}


def register_domain_models() -> None:
    for label in TERRITORY_PATHS:
        model = apps.get_model(label)
        if auditlog.contains(model):
            continue
        model.get_additional_data = _additional_data
        auditlog.register(model, exclude_fields=EXCLUDED_FIELDS.get(label, []))
