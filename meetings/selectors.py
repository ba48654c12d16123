"""Reads for meetings: every meeting and agenda item is reached through these helpers,
scoped to the bodies the user may see (bodies.selectors.bodies_for)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.selectors import bodies_for, can_plan_meetings
from meetings.models import AgendaItem, Attendance, Meeting


def meetings_for(user: Person) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__in=bodies_for(user))


def get_meeting_for_user(user: Person, pk: int) -> Meeting:
    return get_object_or_404(
        meetings_for(user).select_related("body__territory", "host", "facilitator", "secretary"),
        pk=pk,
    )


def get_item_for_user(user: Person, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.filter(meeting__in=meetings_for(user)).select_related(
            "meeting__body__territory", "presenter", "proposed_by"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class MeetingPermissions:
    """What a user may do with one meeting (they may see it: it was loaded for them).

    - plan: administrators and the body's facilitator (edit, move, roles, attendance);
    - move: those, and the meeting's facilitator;
    - run (record attendance): those, and the meeting's secretary.
    """

    plan: bool
    move: bool
    run: bool


def meeting_permissions(user: Person, meeting: Meeting) -> MeetingPermissions:
    plan = can_plan_meetings(user, meeting.body)
    move = plan or user.pk == meeting.facilitator_id
    run = move or user.pk == meeting.secretary_id
    return MeetingPermissions(plan=plan, move=move, run=run)


@dataclass(frozen=True)
class BodyCalendar:
    upcoming: list[Meeting]
    past: list[Meeting]


def body_calendar(body: Body) -> BodyCalendar:
    """The body's meetings with host, facilitator and secretary: one query, whatever their
    number. Upcoming ones (not ended yet) soonest first; past ones latest first."""
    meetings = list(
        body.meetings.select_related("host", "facilitator", "secretary").order_by("starts_at")
    )
    now = timezone.now()
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in reversed(meetings) if m.ends_at < now]
    return BodyCalendar(upcoming=upcoming, past=past)


def meeting_invitees(meeting: Meeting) -> list[Person]:
    """Who is invited: the people who sit in the body now (members and guests), plus
    anyone whose attendance was already recorded. By name."""
    seated = BodyMembership.objects.current().filter(body=meeting.body).values("person_id")
    recorded = meeting.attendances.values("person_id")
    return list(
        Person.objects.filter(Q(pk__in=seated) | Q(pk__in=recorded)).order_by(
            "last_name", "first_name", "pk"
        )
    )


def meeting_attendances(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendances.select_related("person", "represented_by").order_by(
            "person__last_name", "person__first_name", "person__pk"
        )
    )
