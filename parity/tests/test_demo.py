"""The demo: the codir's meetings before its charter, run and hosted by the EPCI and
the largest commune, give the parity page a visible imbalance; loading twice changes
nothing; without a codir it does nothing."""

from __future__ import annotations

import pytest

from accounts.tests.factories import PersonFactory
from bodies.models import Body
from bodies.tests.factories import MembershipFactory
from conftest import World
from meetings.models import AgendaItem, Meeting
from parity.demo import ACHARDS, DEMO_DOMAIN, EPCI, PAST, PRESENT, demo_parity
from parity.report import body_report
from parity.selectors import default_period
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def _demo_world(world: World) -> None:
    world.body.kind = Body.Kind.STRATEGIC_CODIR
    world.body.save()
    organisations = {
        EPCI: OrganisationFactory.create(territory=world.territory, name=EPCI, population=20000),
        ACHARDS: OrganisationFactory.create(
            territory=world.territory, name=ACHARDS, population=5500
        ),
        "Martinet": OrganisationFactory.create(
            territory=world.territory, name="Martinet", population=1200
        ),
    }
    seat_of = {"claire.morvan": EPCI, "julien.brehier": EPCI, "sophie.garnier": ACHARDS}
    for key in set(PRESENT) | {"claire.morvan"}:
        first, _, last = key.partition(".")
        person = PersonFactory.create(
            email=f"{key}@{DEMO_DOMAIN}", first_name=first, last_name=last
        )
        organisation = organisations[seat_of.get(key, "Martinet")]
        position = PositionFactory.create(person=person, organisation=organisation)
        MembershipFactory.create(body=world.body, person=person, position=position)


def test_demo_gives_a_visible_imbalance_once(world: World) -> None:
    _demo_world(world)
    demo_parity(world.territory)
    demo_parity(world.territory)
    assert Meeting.objects.filter(body=world.body).count() == len(PAST)
    assert AgendaItem.objects.filter(meeting__body=world.body).count() == sum(
        len(past.items) for past in PAST
    )
    report = body_report(world.body, *default_period())
    leaders = [row.label for row in report.organisations[:2]]
    assert leaders == [EPCI, ACHARDS]
    assert report.gini > 0.3
    assert "Martinet" in [o.name for o in report.quiet["hosted"]]


def test_demo_without_codir_does_nothing(world: World) -> None:
    demo_parity(world.territory)
    assert not Meeting.objects.exists()
