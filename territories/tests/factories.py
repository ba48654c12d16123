from __future__ import annotations

import factory

from accounts.tests.factories import PersonFactory
from territories.models import Organisation, Position, Territory, TerritoryMember


class TerritoryFactory(factory.django.DjangoModelFactory[Territory]):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"CC du Territoire {n}")
    siren = factory.Sequence(lambda n: f"2{n:08d}")
    epci_type = Territory.EpciType.CC


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    territory = factory.SubFactory(TerritoryFactory)
    kind = Organisation.Kind.COMMUNE
    name = factory.Sequence(lambda n: f"Commune {n}")
    insee_code = factory.Sequence(lambda n: f"{85000 + n % 99999:05d}"[-5:])
    population = 1200


class TerritoryMemberFactory(factory.django.DjangoModelFactory[TerritoryMember]):
    class Meta:
        model = TerritoryMember

    territory = factory.SubFactory(TerritoryFactory)
    person = factory.SubFactory(PersonFactory)
    role = TerritoryMember.Role.MEMBER


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = Position.Function.DGS
