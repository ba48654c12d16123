"""Anonymous by construction: the tables cannot say who answered what."""

from __future__ import annotations

import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models

from conftest import World
from reflection import services
from reflection.models import (
    MaturityAnswer,
    MaturityParticipation,
    Participation,
    Question,
    Response,
)
from reflection.tests.factories import answer_all, members, open_round, open_session

pytestmark = pytest.mark.django_db


def test_a_response_has_no_author_no_time_and_a_random_key() -> None:
    for model in (Response, MaturityAnswer):
        fields = model._meta.concrete_fields
        assert isinstance(model._meta.pk, models.UUIDField)
        assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in fields)
        related = {f.related_model for f in fields if f.is_relation}
        assert related <= {Question, MaturityAnswer._meta.get_field("round").related_model}
        assert model._meta.ordering == ("id",)


def test_storage_order_does_not_follow_who_answered(world: World) -> None:
    """Each answer rewrites the session's answers with new random keys, in a random
    order: the keys of the first answer are gone after the second, and the rows come
    back in key order."""
    session = open_session(world.body)
    people = members(world.body, 4)
    answer_all(session, people[0], 1, "premier")
    first_keys = set(Response.objects.values_list("id", flat=True))
    for value, person in enumerate(people[1:], start=2):
        answer_all(session, person, value, f"réponse {value}")
    keys = list(Response.objects.values_list("id", flat=True))
    assert not first_keys & set(keys)
    assert all(isinstance(key, uuid.UUID) for key in keys)
    assert keys == sorted(keys)  # read in key order, which is random
    # Participation is in the order people answered; nothing in Response is.
    assert list(Participation.objects.order_by("pk").values_list("person", flat=True)) == [
        p.pk for p in people
    ]
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        columns = [c[0] for c in cursor.description]
    assert sorted(columns) == ["id", "question_id", "text", "value"]


def test_the_audit_trail_records_no_answer_nor_who_answered(world: World) -> None:
    session = open_session(world.body)
    for person in members(world.body, 3):
        answer_all(session, person, 4, "bien")
    assessment = open_round(world.body)
    services.maturity_answer(
        round=assessment,
        person=members(world.body, 1)[0],
        stage=3,
        factors={},
        obstacles=[],
        levers=[],
    )
    for model in (Response, Participation, MaturityAnswer, MaturityParticipation):
        kind = ContentType.objects.get_for_model(model)
        assert not LogEntry.objects.filter(content_type=kind).exists()


def test_one_answer_each_and_only_members(world: World) -> None:
    session = open_session(world.body)
    (person,) = members(world.body, 1)
    answer_all(session, person, 3)
    with pytest.raises(ValidationError):
        answer_all(session, person, 3)
    with pytest.raises(ValidationError):
        answer_all(session, world.guest, 3)
    assert Participation.objects.filter(session=session).count() == 1
