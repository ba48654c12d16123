"""The demo: a dozen actors across the three circles, bridges, one isolated network,
strategies whose next steps are dated; loading twice changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from conftest import World
from networks.demo import ACTORS, DEMO_DOMAIN, demo_networks
from networks.graph import bridges, isolated_networks
from networks.models import Actor, ActorContact, ActorLink, Exchange, Strategy
from networks.selectors import map_records

pytestmark = pytest.mark.django_db


def _load(world: World) -> None:
    keys = {key for spec in ACTORS for key, *_rest in spec.links}
    for key in keys:
        first, _, last = key.partition(".")
        PersonFactory.create(email=f"{key}@{DEMO_DOMAIN}", first_name=first, last_name=last)
    demo_networks(world.territory)


def test_the_demo_has_actors_in_every_circle_and_loads_once(world: World) -> None:
    _load(world)
    counts = [Actor.objects.count(), ActorContact.objects.count(), ActorLink.objects.count()]
    counts += [Strategy.objects.count(), Exchange.objects.count()]
    demo_networks(world.territory)
    assert counts == [
        Actor.objects.count(),
        ActorContact.objects.count(),
        ActorLink.objects.count(),
        Strategy.objects.count(),
        Exchange.objects.count(),
    ]
    assert Actor.objects.count() >= 12
    assert set(Actor.objects.values_list("circle", flat=True)) == {2, 3}
    assert Strategy.objects.filter(next_step_on__gte=timezone.localdate()).count() >= 3


def test_the_demo_shows_bridges_and_one_isolated_network(world: World) -> None:
    _load(world)
    records = map_records(world.admin, world.territory, timezone.localdate())
    names = {b.person.name for b in bridges(records)}
    assert {"claire morvan", "nadia poirier"} <= {name.lower() for name in names}
    # Here nobody sits in a body (demo/people.py seats them): with the demo's seats the
    # libraries' network is the only isolated one (checked on the loaded demo).
    isolated = [n.name for n in isolated_networks(records)]
    assert "Réseau des bibliothèques du Pays des Achards" in isolated
