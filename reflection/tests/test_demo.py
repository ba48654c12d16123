"""The demo: two past sessions with results and different trends, one open session that
claire.morvan and yannick.le-goff have not answered, a maturity history over two years;
loading twice changes nothing."""

from __future__ import annotations

import pytest

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from reflection.demo import DEMO_DOMAIN, demo_reflection
from reflection.models import MaturityRound, MirrorSession, Participation, Status
from reflection.selectors import body_trend, waiting_for

pytestmark = pytest.mark.django_db


def _codir(world: World) -> Body:
    world.body.kind = Body.Kind.STRATEGIC_CODIR
    world.body.save()
    for key in (
        "claire.morvan",
        "yannick.le-goff",
        "a.one",
        "b.two",
        "c.three",
        "d.four",
        "e.five",
    ):
        first, _, last = key.partition(".")
        person = PersonFactory.create(
            email=f"{key}@{DEMO_DOMAIN}", first_name=first, last_name=last
        )
        MembershipFactory.create(body=world.body, person=person, role=BodyMembership.Role.MEMBER)
    return world.body


def test_the_demo_mirror_and_maturity(world: World) -> None:
    body = _codir(world)
    demo_reflection(world.territory)
    closed = MirrorSession.objects.filter(body=body, status=Status.CLOSED)
    assert closed.count() == 2
    assert all(Participation.objects.filter(session=s).count() >= 3 for s in closed)
    trend = body_trend(body)
    changes = {t.label: t.change for t in trend.trends}
    assert any(change is not None and change > 0 for change in changes.values())
    assert any(change is not None and change < 0 for change in changes.values())
    current = MirrorSession.objects.get(body=body, status=Status.OPEN)
    for key in ("claire.morvan", "yannick.le-goff"):
        person = Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")
        assert current in waiting_for(person)
    rounds = MaturityRound.objects.filter(body=body).order_by("held_on")
    first, last = rounds.first(), rounds.last()
    assert first is not None and last is not None
    assert (last.held_on - first.held_on).days >= 2 * 365 - 3  # two years of history
    assert rounds.filter(status=Status.CLOSED).exclude(next_step="").count() == 4
    counts = (MirrorSession.objects.count(), MaturityRound.objects.count())
    demo_reflection(world.territory)
    assert (MirrorSession.objects.count(), MaturityRound.objects.count()) == counts
