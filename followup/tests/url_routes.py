"""The follow-up URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from decisions.models import Decision
from decisions.tests.factories import DecisionFactory
from followup.models import Action, Implementation
from followup.tests.factories import ActionFactory, ImplementationFactory


def make_decision(world: World) -> Decision:
    return DecisionFactory.create(body=world.body, recorded_by=world.admin)


def make_action(world: World) -> Action:
    return ActionFactory.create(body=world.body, decision=make_decision(world), owner=world.member)


def make_row(world: World) -> Implementation:
    return ImplementationFactory.create(decision=make_decision(world), organisation=world.commune)


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "followup:mine": lambda w: {},
    "followup:board": lambda w: {"body_pk": w.body.pk},
    "followup:body_action_create": lambda w: {"body_pk": w.body.pk},
    "followup:decision": lambda w: {"decision_pk": make_decision(w).pk},
    "followup:decision_action_create": lambda w: {"decision_pk": make_decision(w).pk},
    "followup:implementations_create": lambda w: {"decision_pk": make_decision(w).pk},
    "followup:action": lambda w: {"pk": make_action(w).pk},
    "followup:action_edit": lambda w: {"pk": make_action(w).pk},
    "followup:action_status": lambda w: {"pk": make_action(w).pk},
    "followup:implementation": lambda w: {"pk": make_row(w).pk},
}

# "Mes actions" belongs to the person: an outsider reaches their own (empty) list.
PERSONAL = {"followup:mine"}
