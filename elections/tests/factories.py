from __future__ import annotations

import factory

from bodies.tests.factories import BodyFactory
from elections.models import Election


class ElectionFactory(factory.django.DjangoModelFactory[Election]):
    """An election of the body's facilitator, collecting nominations."""

    class Meta:
        model = Election

    body = factory.SubFactory(BodyFactory)
    role = Election.Role.FACILITATOR
    description = "Anime les réunions, veille à ce que chacun ait la parole."
    tasks = "Préparer l'ordre du jour\nAnimer les tours"
    term_months = 12
