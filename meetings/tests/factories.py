from __future__ import annotations

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import BodyFactory
from governance.models import Charter
from meetings.models import AgendaItem, Attendance, Meeting


def local_datetime(day: object, at: time = time(9, 0)) -> datetime:
    """An aware datetime in the project's time zone, on `day` (a date) at `at`."""
    return timezone.make_aware(datetime.combine(day, at))  # type: ignore[arg-type]


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
