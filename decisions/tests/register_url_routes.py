"""The register URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from decisions.models import Decision, Process
from decisions.register.services import decision_record


def make_decision(world: World) -> Decision:
    return decision_record(
        body=world.body,
        kind=Decision.Kind.DECISION,
        process=Process.CONSENT,
        title="Mutualiser les achats de fournitures",
        text="Les communes achètent ensemble leurs fournitures.",
    )


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "decisions:register": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_pdf": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_odt": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_csv": lambda w: {"territory_pk": w.territory.pk},
    "decisions:body_register": lambda w: {"body_pk": w.body.pk},
    "decisions:decision": lambda w: {"pk": make_decision(w).pk},
    "decisions:decision_amend": lambda w: {"pk": make_decision(w).pk},
    "decisions:decision_supersede": lambda w: {"pk": make_decision(w).pk},
}
