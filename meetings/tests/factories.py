from __future__ import annotations

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import BodyFactory
from meetings.models import AgendaItem, Attendance, Meeting


def local_datetime(day: object, at: time = time(9, 0)) -> datetime:
    """An aware datetime in the project's time zone, on `day` (a date) at `at`."""
    return timezone.make_aware(datetime.combine(day, at))  # type: ignore[arg-type]


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    """A one-off meeting two weeks ahead, 9:00-11:30 local time."""

    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    format = Meeting.Format.WORKING
    starts_at = factory.LazyFunction(
        lambda: local_datetime(timezone.localdate() + timedelta(days=14), time(9, 0))
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=2, minutes=30))
    place = "Salle du conseil"


class AgendaItemFactory(factory.django.DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Point {n}")
    kind = AgendaItem.Kind.INFORMATION
    proposed_by = factory.SubFactory(PersonFactory)
    position = factory.Sequence(lambda n: n)


class AttendanceFactory(factory.django.DjangoModelFactory[Attendance]):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    status = Attendance.Status.PRESENT
