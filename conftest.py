"""Shared fixtures: one territory with an administrator, a member sitting in its codir,
a guest, and people of another territory (the outsiders of house rule 7)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from territories.models import Organisation, Position, Territory, TerritoryMember
from territories.tests.factories import (
    OrganisationFactory,
    PositionFactory,
    TerritoryFactory,
    TerritoryMemberFactory,
)


@dataclass
class World:
    territory: Territory
    epci: Organisation
    commune: Organisation
    body: Body
    admin: Person
    member: Person
    guest: Person
    member_position: Position
    member_seat: BodyMembership
    other_territory: Territory
    other_body: Body
    other_commune: Organisation
    outsider: Person
    lone_person: Person


@pytest.fixture(autouse=True)
def _no_axes(settings: pytest.FixtureRequest) -> None:
    # Lock-outs are tested on purpose where needed; elsewhere they only add noise.
    settings.AXES_ENABLED = False  # type: ignore[attr-defined]


@pytest.fixture
def world(db: None) -> World:
    territory = TerritoryFactory(name="CC du Pays Test", siren="200000001")
    epci = OrganisationFactory(
        territory=territory, kind=Organisation.Kind.EPCI, name="CC du Pays Test",
        insee_code="", siren="200000001", population=20000,
    )
    commune = OrganisationFactory(territory=territory, name="Saint-Essai", population=850)
    body = BodyFactory(territory=territory, name="Conférence des DGS")
    admin = PersonFactory(first_name="Adèle", last_name="Admin", email="admin@example.fr")
    TerritoryMemberFactory(territory=territory, person=admin, role=TerritoryMember.Role.ADMIN)
    member = PersonFactory(first_name="Marc", last_name="Membre", email="membre@example.fr")
    TerritoryMemberFactory(territory=territory, person=member)
    member_position = PositionFactory(person=member, organisation=commune)
    member_seat = MembershipFactory(body=body, person=member, position=member_position)
    guest = PersonFactory(first_name="Gaëlle", last_name="Invitée", email="invitee@example.fr")
    MembershipFactory(body=body, person=guest, role=BodyMembership.Role.GUEST)

    other_territory = TerritoryFactory(name="CA d'Ailleurs", siren="200000002")
    other_commune = OrganisationFactory(territory=other_territory, name="Ailleurs-sur-Mer")
    other_body = BodyFactory(territory=other_territory, name="Codir d'Ailleurs")
    outsider = PersonFactory(first_name="Olivier", last_name="Dehors", email="dehors@example.fr")
    TerritoryMemberFactory(territory=other_territory, person=outsider)
    MembershipFactory(body=other_body, person=outsider)
    lone_person = PersonFactory(first_name="Lou", last_name="Seul", email="seul@example.fr")
    return World(
        territory=territory, epci=epci, commune=commune, body=body, admin=admin,
        member=member, guest=guest, member_position=member_position, member_seat=member_seat,
        other_territory=other_territory, other_body=other_body, other_commune=other_commune,
        outsider=outsider, lone_person=lone_person,
    )


def client_for(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def admin_client_(world: World) -> Client:
    return client_for(world.admin)


@pytest.fixture
def member_client(world: World) -> Client:
    return client_for(world.member)


@pytest.fixture
def outsider_client(world: World) -> Client:
    return client_for(world.outsider)


@pytest.fixture
def guest_client(world: World) -> Client:
    return client_for(world.guest)
