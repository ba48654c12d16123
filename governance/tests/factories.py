from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import factory
from django.utils import timezone

from bodies.models import Body
from bodies.tests.factories import BodyFactory
from governance.models import Authority, Charter, Framework, FrameworkObject


class CharterFactory(factory.django.DjangoModelFactory[Charter]):
    """An adopted charter: 2nd Tuesday of each month, 9:00-11:30, rotating places.
    Pass `adopted_on=None` for a draft."""

    class Meta:
        model = Charter

    body = factory.SubFactory(BodyFactory)
    version = factory.Sequence(lambda n: n + 1)
    attendance = "Les DGS et secrétaires de mairie des communes et de l'EPCI."
    recurrence = "FREQ=MONTHLY;BYDAY=+2TU"
    start_time = time(9, 0)
    end_time = time(11, 30)
    place_mode = Charter.PlaceMode.ROTATING
    adopted_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class FrameworkFactory(factory.django.DjangoModelFactory[Framework]):
    """An adopted framework version; pass `adopted_on=None` for a draft."""

    class Meta:
        model = Framework

    body = factory.SubFactory(BodyFactory)
    version = factory.Sequence(lambda n: n + 1)
    mission_relational = "Se connaître, partager, s'entraider."
    mission_operational = "Coordonner la mise en œuvre des projets communs."
    adopted_on = factory.LazyFunction(timezone.localdate)


class FrameworkObjectFactory(factory.django.DjangoModelFactory[FrameworkObject]):
    class Meta:
        model = FrameworkObject

    framework = factory.SubFactory(FrameworkFactory)
    title = factory.Sequence(lambda n: f"Objet {n}")
    authority = Authority.DECISION
    position = factory.Sequence(lambda n: n)


def make_framework(body: Body, adopted_on: date | None = None, **fields: Any) -> Framework:
    """A version of the body's framework, the next number (a draft by default)."""
    last = Framework.objects.filter(body=body).order_by("-version").first()
    fields.setdefault("version", last.version + 1 if last else 1)
    fields.setdefault("mission_relational", "Se connaître, partager, s'entraider.")
    return Framework.objects.create(body=body, adopted_on=adopted_on, **fields)


def charter_form_data(**overrides: str) -> dict[str, str]:
    """What the charter form posts: a draft every first Thursday of two months."""
    data = {
        "attendance": "Les DGS et secrétaires.",
        "standing_guests": "",
        "frequency": "monthly",
        "ordinal": "1",
        "weekday": "TH",
        "interval": "2",
        "start_time": "14:00",
        "end_time": "16:30",
        "place_mode": "rotating",
        "fixed_place": "",
        "notice_days": "8",
        "minutes_writer": "la ou le secrétaire de séance",
        "minutes_review_days": "10",
        "facilitation_mode": "rotating",
        "ethical_rules": "1. Parité.",
    }
    data.update(overrides)
    return data
