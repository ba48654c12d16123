"""The month view of "Mon agenda": the meetings of the bodies a person sits in, on a
calendar grid of whole weeks starting on Monday, with the French public holidays."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Person
from bodies.models import BodyMembership
from meetings.models import Meeting
from meetings.schedule import public_holiday

WEEK = calendar.Calendar(firstweekday=calendar.MONDAY)


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    holiday: str | None
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]
    previous: date
    next: date

    @property
    def meeting_count(self) -> int:
        return sum(len(day.meetings) for week in self.weeks for day in week if day.in_month)


def parse_month(value: str | None, today: date) -> date:
    """The first day of the month written "2027-01" in the address (`?mois=`), this
    month when absent or wrong, within a century of today."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        return today.replace(day=1)
    if abs(first.year - today.year) > 100:
        return today.replace(day=1)
    return first


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def month_for(person: Person, first: date) -> Month:
    """The month of `first` for `person`: one query for its meetings (cancelled ones
    aside), whatever their number."""
    weeks = WEEK.monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    bodies = BodyMembership.objects.current().filter(person=person).values("body_id")
    meetings = (
        Meeting.objects.filter(
            body__in=bodies, starts_at__gte=_aware(start), starts_at__lt=_aware(end)
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    by_day: dict[date, list[Meeting]] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localdate(meeting.starts_at), []).append(meeting)
    today = timezone.localdate()
    grid = [
        [
            Day(
                day=day,
                in_month=day.month == first.month,
                is_today=day == today,
                holiday=public_holiday(day),
                meetings=by_day.get(day, []),
            )
            for day in week
        ]
        for week in weeks
    ]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Month(first=first, weeks=grid, previous=previous, next=following)
