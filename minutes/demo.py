"""Demo minutes for the codir's last three held meetings (created by meetings.demo): each
one approved at the next, the latest in review with a member's amendment.
Running it twice changes nothing: a meeting that has minutes is left alone."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import BodyMembership
from bodies.selectors import first_codir
from meetings.models import Attendance, Meeting
from minutes import services
from minutes.models import Minutes
from territories.models import Territory, TerritoryMember


def _writer(meeting: Meeting) -> Person | None:
    if meeting.secretary is not None:
        return meeting.secretary
    if meeting.facilitator is not None:
        return meeting.facilitator
    admin = (
        TerritoryMember.objects.filter(
            territory_id=meeting.body.territory_id, role=TerritoryMember.Role.ADMIN
        )
        .select_related("person")
        .first()
    )
    return admin.person if admin else None


def _amender(meeting: Meeting, writer: Person) -> Person | None:
    """A member (not a guest) who was present, other than the writer."""
    members = (
        BodyMembership.objects.current()
        .filter(body_id=meeting.body_id)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("person_id")
    )
    attendance = (
        meeting.attendances.filter(status=Attendance.Status.PRESENT, person__in=members)
        .exclude(person=writer)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
        .first()
    )
    return attendance.person if attendance else None


AMENDED_NOTE = "débat d'orientation budgétaire"


def _passage(text: str) -> str | None:
    """The line the demo amendment completes: the note on the budget debate when the
    demo agenda wrote it, otherwise the first line of notes that appears once."""
    lines = [line for line in text.splitlines() if line.strip()]
    candidates = [line for line in lines if AMENDED_NOTE in line] + [
        line for line in lines if not line.startswith(("#", "-", "*"))
    ]
    return next((line for line in candidates if text.count(line) == 1), None)


def _approved(meeting: Meeting, at: Meeting, writer: Person) -> Minutes:
    day = timezone.localtime(meeting.starts_at).date()
    minutes = services.minutes_draft(meeting=meeting, author=writer)
    minutes = services.minutes_submit(
        minutes=minutes,
        by=writer,
        today=day + timedelta(days=2),
        approval_meeting=at,
        notify=False,
    )
    return services.minutes_approve(
        minutes=minutes, by=_writer(at) or writer, now=at.starts_at + timedelta(minutes=10)
    )


def _in_review(meeting: Meeting, writer: Person) -> Minutes:
    minutes = services.minutes_draft(meeting=meeting, author=writer)
    minutes = services.minutes_submit(minutes=minutes, by=writer, notify=False)
    amender = _amender(meeting, writer)
    passage = _passage(minutes.text)
    if amender is not None and passage is not None:
        services.amendment_propose(
            minutes=minutes,
            author=amender,
            passage=passage,
            replacement=passage.rstrip()
            + " Le calendrier sera confirmé par écrit à chaque commune.",
            reason="Précision donnée en séance, absente du brouillon.",
        )
    return minutes


@transaction.atomic
def demo_minutes(territory: Territory) -> None:
    body = first_codir(territory)
    if body is None:
        return
    held = list(
        Meeting.objects.filter(body=body, status=Meeting.Status.HELD)
        .select_related("body", "secretary", "facilitator")
        .order_by("starts_at")
    )[-3:]
    # Each meeting's minutes approved at the next one; the latest still in review.
    for meeting, next_meeting in itertools.pairwise(held):
        writer = _writer(meeting)
        if writer is not None and not meeting.minutes.exists():
            _approved(meeting, at=next_meeting, writer=writer)
    if held and not held[-1].minutes.exists():
        writer = _writer(held[-1])
        if writer is not None:
            _in_review(held[-1], writer)
