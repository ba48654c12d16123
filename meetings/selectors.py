"""Reads for meetings: every meeting and agenda item is reached through these helpers,
scoped to the bodies the user may see (bodies.selectors.bodies_for)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from access.permissions import PLAN_MEETINGS, RECORD_MEETING, RUN_MEETING, allowed
from access.scopes import in_visible_bodies
from accounts.models import Person
from bodies.models import Body, BodyMembership
from meetings.models import AgendaItem, Attendance, Meeting


def meetings_for(user: Person) -> QuerySet[Meeting]:
    return in_visible_bodies(Meeting.objects.all(), user)


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


def can_plan_meetings(user: Person, body: Body) -> bool:
    """Whoever runs the body's meetings plans, moves and edits them, and writes a new
    version of the charter (access.permissions.PLAN_MEETINGS)."""
    return allowed(user, PLAN_MEETINGS, body)


@dataclass(frozen=True)
class MeetingPermissions:
    """What a user may do with one meeting (they may see it: it was loaded for them).

    - plan: whoever runs the body's meetings (edit, roles);
    - move: whoever runs this meeting (access.permissions.RUN_MEETING);
    - run (record attendance): those, and the meeting's secretary (RECORD_MEETING).
    """

    plan: bool
    move: bool
    run: bool


def meeting_permissions(user: Person, meeting: Meeting) -> MeetingPermissions:
    return MeetingPermissions(
        plan=allowed(user, PLAN_MEETINGS, meeting.body),
        move=allowed(user, RUN_MEETING, meeting),
        run=allowed(user, RECORD_MEETING, meeting),
    )


@dataclass(frozen=True)
class BodyCalendar:
    upcoming: list[Meeting]
    past: Page[Meeting]


PAST_MEETINGS_PAGE_SIZE = 20


def body_calendar(body: Body, past_page: str | None = None) -> BodyCalendar:
    """The body's meetings with host, facilitator and secretary: the upcoming ones (not
    ended yet, soonest first; planned a year ahead at most, so few) and a page of the
    past ones (latest first). Three queries (upcoming, the past ones' number, their
    page), whatever their number."""
    meetings = body.meetings.select_related("host", "facilitator", "secretary")
    now = timezone.now()
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    page = Paginator(past, PAST_MEETINGS_PAGE_SIZE).get_page(past_page)
    return BodyCalendar(upcoming=upcoming, past=page)


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
        meeting.attendances.select_related("person", "represented_by", "reply_proxy").order_by(
            "person__last_name", "person__first_name", "person__pk"
        )
    )


# --- The home page ----------------------------------------------------------------------


def with_my_answer(meetings: QuerySet[Meeting], person: Person) -> QuerySet[Meeting]:
    """The meetings, each with the person's attendance (`my_status`: an
    Attendance.Status, Reply.TENTATIVE, or None when nothing is recorded yet, and
    `my_proxy_first` / `my_proxy_last`: who represents them), in the same query: as
    recorded at the meeting, else as they answered beforehand (meetings/rsvp.py: "je
    viens" reads present, "excusé·e" excused, "représenté·e par" represented by the
    person announced, "peut-être" Reply.TENTATIVE)."""
    Status, Reply = Attendance.Status, Attendance.Reply
    mine = Attendance.objects.filter(meeting=OuterRef("pk"), person=person).annotate(
        answer=Case(
            When(~Q(status=Status.INVITED), then=F("status")),
            When(reply=Reply.COMING, then=Value(Status.PRESENT)),
            When(reply=Reply.EXCUSED, then=Value(Status.EXCUSED)),
            When(reply=Reply.REPRESENTED, then=Value(Status.REPRESENTED)),
            # "peut-être" (from a calendar) has no Status of its own: the reply itself.
            When(reply=Reply.TENTATIVE, then=Value(Reply.TENTATIVE)),
            default=F("status"),
        ),
        proxy_first=Coalesce("represented_by__first_name", "reply_proxy__first_name"),
        proxy_last=Coalesce("represented_by__last_name", "reply_proxy__last_name"),
    )
    return meetings.annotate(
        my_status=Subquery(mine.values("answer")[:1]),
        my_proxy_first=Subquery(mine.values("proxy_first")[:1]),
        my_proxy_last=Subquery(mine.values("proxy_last")[:1]),
    )


def next_of_body(now: datetime) -> QuerySet[Meeting, Any]:
    """The id of the next meeting (not ended nor cancelled) of the outer query's body:
    the home page lists the next meeting of each body the person sits in."""
    upcoming = Meeting.objects.filter(ends_at__gte=now).exclude(status=Meeting.Status.CANCELLED)
    return upcoming.filter(body_id=OuterRef("body_id")).order_by("starts_at", "pk").values("pk")[:1]
