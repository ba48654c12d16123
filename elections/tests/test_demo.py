"""The demo's past election of the codir's facilitator."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.models import Decision, Proposal
from elections.demo import DEMO_DOMAIN, NOMINATIONS, demo_elections
from elections.models import Election, Nomination

pytestmark = pytest.mark.django_db
R = BodyMembership.Role


@pytest.fixture
def demo_codir(world: World) -> BodyMembership:
    """The demo people in the world's codir; Yannick facilitates until 45 days from now."""
    keys = {key for row in NOMINATIONS for key in row[:2]}
    people = {}
    for key in sorted(keys):
        first, last = key.split(".")
        people[key] = PersonFactory.create(
            first_name=first.title(), last_name=last.title(), email=f"{key}@{DEMO_DOMAIN}"
        )
        MembershipFactory.create(body=world.body, person=people[key], start_date=date(2024, 1, 1))
    from territories.models import TerritoryMember
    from territories.tests.factories import TerritoryMemberFactory

    TerritoryMemberFactory.create(
        territory=world.territory, person=people["claire.morvan"], role=TerritoryMember.Role.ADMIN
    )
    start = timezone.localdate() - timedelta(days=320)
    return MembershipFactory.create(
        body=world.body,
        person=people["yannick.le-goff"],
        role=R.FACILITATOR,
        start_date=start,
        end_date=timezone.localdate() + timedelta(days=45),
    )


def test_demo_election_links_the_existing_seat_and_is_idempotent(
    world: World, demo_codir: BodyMembership
) -> None:
    election = demo_elections(world.territory)
    assert election is not None
    assert demo_elections(world.territory) == election
    assert Election.objects.count() == 1 and Proposal.objects.count() == 1
    assert election.phase == Election.Phase.ASSIGNED
    assert election.seat == demo_codir and election.elected == demo_codir.person
    assert election.term_end == demo_codir.end_date
    assert election.next_election_on == demo_codir.end_date - timedelta(days=30)  # type: ignore[operator]
    assert BodyMembership.objects.filter(role=R.FACILITATOR, body=world.body).count() == 1
    demo_codir.refresh_from_db()
    assert demo_codir.end_date == timezone.localdate() + timedelta(days=45)
    assert election.nominations.filter(stage=Nomination.Stage.FIRST).count() == len(NOMINATIONS)
    assert election.nominations.filter(stage=Nomination.Stage.CHANGE).count() == 1
    decision = Decision.objects.get()
    assert decision.decided_on < demo_codir.start_date
    assert election.proposals.get().proposal.last_speaker == demo_codir.person


def test_demo_without_the_facilitator_does_nothing(world: World) -> None:
    assert demo_elections(world.territory) is None
    assert not Election.objects.exists()
