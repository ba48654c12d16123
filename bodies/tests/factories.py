from __future__ import annotations

import factory

from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from territories.tests.factories import TerritoryFactory


class BodyFactory(factory.django.DjangoModelFactory[Body]):
    class Meta:
        model = Body

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Conférence des DGS {n}")
    kind = Body.Kind.STRATEGIC_CODIR
    stratum = Body.Stratum.STRATEGIC
    circle = Body.Circle.CODIR


class MembershipFactory(factory.django.DjangoModelFactory[BodyMembership]):
    class Meta:
        model = BodyMembership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = BodyMembership.Role.MEMBER
