"""The demo: actions on the codir's decisions (some overdue, some done, one blocked with
its note) and one decision carried out commune by commune; loading twice changes
nothing; without decisions it does nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import Body
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.models import Decision
from decisions.tests.factories import DecisionFactory
from followup.demo import ACTIONS, DEMO_DOMAIN, demo_followup
from followup.models import Action, ActionNote, Implementation, Status
from governance.tests.factories import FrameworkObjectFactory
from territories.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _demo_world(world: World) -> list[Decision]:
    world.body.kind = Body.Kind.STRATEGIC_CODIR
    world.body.save()
    for key in {spec.owner for spec in ACTIONS} | {"claire.morvan"}:
        first, _, last = key.partition(".")
        person = PersonFactory.create(
            email=f"{key}@{DEMO_DOMAIN}", first_name=first, last_name=last
        )
        # As in demo/people.py: the owners sit in the codir (only they may own its actions).
        MembershipFactory.create(body=world.body, person=person)
    for name in ("Martinet", "Nieul-le-Dolent", "Les Achards"):
        OrganisationFactory.create(territory=world.territory, name=name)
    # Decisions on an object of the framework (the charter's or the framework's own
    # adoption, without object, gets no action).
    obj = FrameworkObjectFactory.create(framework__body=world.body)
    DecisionFactory.create(body=world.body, decided_on=timezone.localdate().replace(day=1))
    return [
        DecisionFactory.create(
            body=world.body, object=obj, decided_on=timezone.localdate().replace(day=1)
        )
        for _ in range(3)
    ]


def test_demo_followup_is_idempotent_and_varied(world: World) -> None:
    decisions = _demo_world(world)
    DecisionFactory.create(body=world.body, kind=Decision.Kind.OPINION)
    demo_followup(world.territory)
    demo_followup(world.territory)
    actions = Action.objects.filter(body=world.body)
    assert actions.count() == len(ACTIONS)
    assert {a.decision for a in actions} <= set(decisions)
    assert any(a.is_overdue for a in actions)
    assert actions.filter(status=Status.DONE).exists()
    blocked = actions.get(status=Status.BLOCKED)
    assert ActionNote.objects.get(action=blocked).text.startswith("En attente")
    assert actions.exclude(owner__isnull=True).count() == len(ACTIONS)
    rows = Implementation.objects.filter(decision=decisions[0])
    assert rows.count() == 4  # Saint-Essai and the three communes above
    assert len({row.status for row in rows}) >= 3
    # A row's owner is someone of the commune who sees the codir.
    assert [row.owner for row in rows if row.owner] == [world.member]
    assert not Implementation.objects.exclude(decision=decisions[0]).exists()


def test_demo_without_decisions_does_nothing(world: World) -> None:
    world.body.kind = Body.Kind.STRATEGIC_CODIR
    world.body.save()
    PersonFactory.create(email=f"claire.morvan@{DEMO_DOMAIN}")
    demo_followup(world.territory)
    assert not Action.objects.exists()
    assert not Implementation.objects.exists()
