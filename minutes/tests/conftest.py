"""A held meeting of the world's body with attendance, three accepted items (one only
proposed), a secretary who sits in the body, and the body's next meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from minutes import services
from minutes.models import Minutes


@dataclass
class Held:
    meeting: Meeting
    next_meeting: Meeting
    secretary: Person
    items: list[AgendaItem]


def make_meeting(world: World, *, days_ago: int, **kwargs: object) -> Meeting:
    starts_at = timezone.now().replace(microsecond=0) - timedelta(days=days_ago)
    return MeetingFactory.create(
        body=world.body,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2, minutes=30),
        **kwargs,
    )


@pytest.fixture
def held(world: World) -> Held:
    secretary = PersonFactory.create(first_name="Sophie", last_name="Scribe")
    MembershipFactory.create(body=world.body, person=secretary, role=BodyMembership.Role.SECRETARY)
    meeting = make_meeting(
        world,
        days_ago=3,
        status=Meeting.Status.HELD,
        secretary=secretary,
        place="Mairie de Saint-Essai",
        title="Codir de mars",
    )
    excused = PersonFactory.create(first_name="Ernest", last_name="Excusé")
    represented = PersonFactory.create(first_name="Rose", last_name="Représentée")
    AttendanceFactory.create(meeting=meeting, person=world.member)
    AttendanceFactory.create(meeting=meeting, person=secretary)
    AttendanceFactory.create(meeting=meeting, person=excused, status=Attendance.Status.EXCUSED)
    AttendanceFactory.create(
        meeting=meeting,
        person=represented,
        status=Attendance.Status.REPRESENTED,
        represented_by=world.member,
    )
    items = [
        AgendaItemFactory.create(
            meeting=meeting,
            title="Schéma de mutualisation",
            kind=AgendaItem.Kind.DECISION,
            status=AgendaItem.Status.ACCEPTED,
            position=2,
            presenter=world.member,
            notes="Le groupe valide le calendrier du schéma.",
            outcome=AgendaItem.Outcome.OPINION,
        ),
        AgendaItemFactory.create(
            meeting=meeting,
            title="Tour de table des communes",
            kind=AgendaItem.Kind.ROUND,
            status=AgendaItem.Status.ACCEPTED,
            position=1,
            notes="Chaque commune a présenté ses priorités.",
            outcome=AgendaItem.Outcome.NOTED,
        ),
    ]
    AgendaItemFactory.create(
        meeting=meeting,
        title="Point seulement proposé",
        status=AgendaItem.Status.PROPOSED,
        position=3,
    )
    next_meeting = make_meeting(world, days_ago=-25, status=Meeting.Status.AGENDA_OPEN)
    AgendaItemFactory.create(
        meeting=next_meeting, title="Budget annexe", status=AgendaItem.Status.ACCEPTED, position=0
    )
    return Held(meeting=meeting, next_meeting=next_meeting, secretary=secretary, items=items)


@pytest.fixture
def secretary_client(held: Held) -> Client:
    return client_for(held.secretary)


@pytest.fixture
def drafted(held: Held) -> Minutes:
    return services.minutes_draft(meeting=held.meeting, author=held.secretary)


@pytest.fixture
def in_review(drafted: Minutes, held: Held) -> Minutes:
    return services.minutes_submit(minutes=drafted, by=held.secretary)


def start_next_meeting(held: Held) -> None:
    """The next meeting is under way, the review is over: the approval can be recorded."""
    Minutes.objects.filter(meeting=held.meeting, status=Minutes.Status.IN_REVIEW).update(
        review_until=timezone.localdate() - timedelta(days=1)
    )
    meeting = held.next_meeting
    meeting.starts_at = timezone.now() - timedelta(minutes=30)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.status = Meeting.Status.IN_PROGRESS
    meeting.save()


def close_review(minutes: Minutes) -> None:
    """The review period ended yesterday."""
    Minutes.objects.filter(pk=minutes.pk).update(
        review_until=timezone.localdate() - timedelta(days=1)
    )
    minutes.refresh_from_db()
