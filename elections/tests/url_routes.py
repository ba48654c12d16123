"""The election URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from elections.models import Election
from elections.tests.factories import ElectionFactory


def make_election(world: World) -> Election:
    return ElectionFactory.create(body=world.body, created_by=world.admin)


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "elections:body_elections": lambda w: {"body_pk": w.body.pk},
    "elections:create": lambda w: {"body_pk": w.body.pk},
    "elections:detail": lambda w: {"pk": make_election(w).pk},
    "elections:nominate": lambda w: {"pk": make_election(w).pk},
    "elections:advance": lambda w: {"pk": make_election(w).pk},
    "elections:propose": lambda w: {"pk": make_election(w).pk},
    "elections:cancel": lambda w: {"pk": make_election(w).pk},
}
