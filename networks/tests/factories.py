from __future__ import annotations

import factory

from networks.models import Actor, ActorContact, ActorLink, Exchange, Strategy
from territories.tests.factories import TerritoryFactory


class ActorFactory(factory.django.DjangoModelFactory[Actor]):
    class Meta:
        model = Actor

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Acteur {n}")
    kind = Actor.Kind.STATE
    circle = 3


class ContactFactory(factory.django.DjangoModelFactory[ActorContact]):
    class Meta:
        model = ActorContact

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")


class LinkFactory(factory.django.DjangoModelFactory[ActorLink]):
    """Pass actor and person."""

    class Meta:
        model = ActorLink


class StrategyFactory(factory.django.DjangoModelFactory[Strategy]):
    class Meta:
        model = Strategy

    actor = factory.SubFactory(ActorFactory)


class ExchangeFactory(factory.django.DjangoModelFactory[Exchange]):
    class Meta:
        model = Exchange

    actor = factory.SubFactory(ActorFactory)
    participants = "Claire, la DDT"
    summary = "Premier contact."
