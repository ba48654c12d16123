"""Sessions and rounds for the reflection tests, with members who answer."""

from __future__ import annotations

from datetime import date

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import Body
from bodies.tests.factories import MembershipFactory
from reflection import services
from reflection.models import MaturityRound, MirrorSession


def members(body: Body, count: int) -> list[Person]:
    people = [PersonFactory.create() for _ in range(count)]
    for person in people:
        MembershipFactory.create(body=body, person=person)
    return people


def open_session(body: Body, held_on: date | None = None) -> MirrorSession:
    session = services.session_create(body=body, actor=None, held_on=held_on or date(2026, 6, 1))
    return services.session_open(session=session)


def answer_all(session: MirrorSession, person: Person, value: int, text: str = "") -> None:
    answers: dict[int, int | str | None] = {}
    for question in session.questions.all():
        answers[question.pk] = value if question.scale else (text or None)
    services.mirror_answer(session=session, person=person, answers=answers)


def open_round(body: Body, held_on: date | None = None) -> MaturityRound:
    return services.round_create(body=body, actor=None, held_on=held_on or date(2026, 6, 1))
