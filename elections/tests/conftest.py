"""The world's codir with four voters: Marc (the world's member), Fanny the facilitator,
Bruno and Chloé; the guest has no voice in an election."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.consent.rules import participants
from decisions.models import Turn
from decisions.proposals.turns import turn_record
from elections import services
from elections.models import Election, ElectionProposal

R = BodyMembership.Role


@dataclass
class Voters:
    world: World
    facilitator: Person
    facilitator_seat: BodyMembership
    bruno: Person
    chloe: Person

    @property
    def marc(self) -> Person:
        return self.world.member

    @property
    def all(self) -> list[Person]:
        return [self.marc, self.facilitator, self.bruno, self.chloe]


@pytest.fixture
def voters(world: World) -> Voters:
    facilitator = PersonFactory.create(first_name="Fanny", last_name="Anime", email="f@example.fr")
    MembershipFactory.create(body=world.body, person=facilitator, start_date=date(2024, 1, 1))
    seat = MembershipFactory.create(
        body=world.body, person=facilitator, role=R.FACILITATOR, start_date=date(2024, 1, 1)
    )
    bruno = PersonFactory.create(first_name="Bruno", last_name="Berger", email="b@example.fr")
    chloe = PersonFactory.create(first_name="Chloé", last_name="Caron", email="c@example.fr")
    for person in (bruno, chloe):
        MembershipFactory.create(body=world.body, person=person, start_date=date(2024, 1, 1))
    return Voters(world, facilitator, seat, bruno, chloe)


def open_election(v: Voters, **kwargs: object) -> Election:
    values: dict[str, object] = {
        "role": Election.Role.FACILITATOR,
        "description": "Anime les réunions.",
        "term_months": 12,
    }
    values.update(kwargs)
    return services.election_create(body=v.world.body, actor=v.facilitator, **values)  # type: ignore[arg-type]


def nominate_all(v: Voters, election: Election, nominee: Person | None = None) -> None:
    """Everyone names Chloé (or `nominee`), with a reason."""
    for person in v.all:
        services.nomination_write(
            election=election,
            nominator=person,
            nominee=nominee or v.chloe,
            reason=f"{person.first_name} : elle écoute chacun.",
        )


def to_changes(v: Voters, election: Election) -> Election:
    services.election_advance(election=election, actor=v.facilitator)
    return services.election_advance(election=election, actor=v.facilitator)


def propose(v: Voters, election: Election, nominee: Person | None = None) -> ElectionProposal:
    return services.election_propose(
        election=election,
        actor=v.facilitator,
        nominee=nominee or v.chloe,
        reason="Nommée par tous pour son écoute.",
    )


def consent_all(v: Voters, item: ElectionProposal) -> None:
    for person in participants(item.proposal):
        turn_record(
            proposal=item.proposal, person=person, answer=Turn.Answer.CONSENT, recorded_by=person
        )
