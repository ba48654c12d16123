"""The reference framework URLs, with real objects, for core/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bodies.models import Body
from conftest import World
from decisions.tests.factories import FrameworkObjectFactory
from governance.models import Framework, FrameworkObject, LegitimacySource


def make_framework(body: Body, adopted_on: date | None = None, **fields: Any) -> Framework:
    """A version of the body's framework, the next number (a draft by default)."""
    last = Framework.objects.filter(body=body).order_by("-version").first()
    fields.setdefault("version", last.version + 1 if last else 1)
    fields.setdefault("mission_relational", "Se connaître, partager, s'entraider.")
    return Framework.objects.create(body=body, adopted_on=adopted_on, **fields)


def make_draft(world: World) -> Framework:
    return make_framework(world.body)


def make_object(world: World) -> FrameworkObject:
    return FrameworkObjectFactory.create(framework=make_draft(world))


def make_source(world: World) -> LegitimacySource:
    return LegitimacySource.objects.create(
        framework=make_draft(world), kind=LegitimacySource.Kind.MANDATE, title="Lettre"
    )


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "decisions:framework": lambda w: {"body_pk": w.body.pk},
    "decisions:framework_new": lambda w: {"body_pk": w.body.pk},
    "decisions:framework_version": lambda w: {"pk": make_draft(w).pk},
    "decisions:framework_edit": lambda w: {"pk": make_draft(w).pk},
    "decisions:framework_object_add": lambda w: {"pk": make_draft(w).pk},
    "decisions:framework_object_edit": lambda w: {"pk": make_object(w).pk},
    "decisions:framework_object_delete": lambda w: {"pk": make_object(w).pk},
    "decisions:framework_object_move": lambda w: {"pk": make_object(w).pk},
    "decisions:framework_source_add": lambda w: {"pk": make_draft(w).pk},
    "decisions:framework_source_delete": lambda w: {"pk": make_source(w).pk},
    "decisions:framework_submit": lambda w: {"pk": make_draft(w).pk},
}
