"""The networks URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from networks.models import Actor
from networks.tests.factories import ActorFactory, ContactFactory, LinkFactory


def make_actor(world: World) -> Actor:
    return ActorFactory.create(territory=world.territory)


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "networks:map": lambda w: {"territory_pk": w.territory.pk},
    "networks:bridges": lambda w: {"territory_pk": w.territory.pk},
    "networks:actor_list": lambda w: {"territory_pk": w.territory.pk},
    "networks:actor_create": lambda w: {"territory_pk": w.territory.pk},
    "networks:actor_detail": lambda w: {"pk": make_actor(w).pk},
    "networks:actor_edit": lambda w: {"pk": make_actor(w).pk},
    "networks:contact_create": lambda w: {"pk": make_actor(w).pk},
    "networks:contact_delete": lambda w: {"pk": ContactFactory.create(actor=make_actor(w)).pk},
    "networks:link_create": lambda w: {"pk": make_actor(w).pk},
    "networks:link_end": lambda w: {
        "pk": LinkFactory.create(actor=make_actor(w), person=w.member).pk
    },
    "networks:strategy_edit": lambda w: {"pk": make_actor(w).pk},
    "networks:exchange_create": lambda w: {"pk": make_actor(w).pk},
}
