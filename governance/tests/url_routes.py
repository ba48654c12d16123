"""The governance URLs (charter and reference framework), with real objects, for
codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from governance.models import Charter, Framework, FrameworkObject, LegitimacySource
from governance.tests.factories import CharterFactory, FrameworkObjectFactory, make_framework


def make_charter_draft(world: World) -> Charter:
    return CharterFactory.create(body=world.body, version=1, adopted_on=None)


def make_draft(world: World) -> Framework:
    return make_framework(world.body)


def make_object(world: World) -> FrameworkObject:
    return FrameworkObjectFactory.create(framework=make_draft(world))


def make_source(world: World) -> LegitimacySource:
    return LegitimacySource.objects.create(
        framework=make_draft(world), kind=LegitimacySource.Kind.MANDATE, title="Lettre"
    )


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "governance:charter": lambda w: {"body_pk": w.body.pk},
    "governance:charter_new": lambda w: {"body_pk": w.body.pk},
    "governance:charter_version": lambda w: {"pk": make_charter_draft(w).pk},
    "governance:framework": lambda w: {"body_pk": w.body.pk},
    "governance:framework_new": lambda w: {"body_pk": w.body.pk},
    "governance:framework_version": lambda w: {"pk": make_draft(w).pk},
    "governance:framework_edit": lambda w: {"pk": make_draft(w).pk},
    "governance:framework_object_add": lambda w: {"pk": make_draft(w).pk},
    "governance:framework_object_edit": lambda w: {"pk": make_object(w).pk},
    "governance:framework_object_delete": lambda w: {"pk": make_object(w).pk},
    "governance:framework_object_move": lambda w: {"pk": make_object(w).pk},
    "governance:framework_source_add": lambda w: {"pk": make_draft(w).pk},
    "governance:framework_source_delete": lambda w: {"pk": make_source(w).pk},
}
