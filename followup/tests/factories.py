from __future__ import annotations

import factory

from bodies.tests.factories import BodyFactory
from followup.models import Action, Implementation, Status


class ActionFactory(factory.django.DjangoModelFactory[Action]):
    class Meta:
        model = Action

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    status = Status.TODO


class ImplementationFactory(factory.django.DjangoModelFactory[Implementation]):
    """Pass decision and organisation (a commune of the decision's territory)."""

    class Meta:
        model = Implementation

    status = Status.TODO
