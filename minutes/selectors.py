"""Reads for minutes: every minutes and amendment is reached through these helpers,
scoped to the meetings the user may see (meetings.selectors.meetings_for)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from access.permissions import AMEND_MINUTES, RECORD_MEETING, allowed
from accounts.models import Person
from bodies.models import BodyMembership
from governance.selectors import current_charter
from meetings.models import Meeting
from meetings.selectors import meetings_for
from minutes.models import Minutes, MinutesAmendment

DEFAULT_REVIEW_DAYS = 10


def minutes_for(user: Person) -> QuerySet[Minutes]:
    return Minutes.objects.filter(meeting__in=meetings_for(user))


def get_minutes_for_user(user: Person, pk: int) -> Minutes:
    return get_object_or_404(
        minutes_for(user).select_related(
            "meeting__body__territory",
            "meeting__secretary",
            "meeting__facilitator",
            "author",
            "approved_in",
            "approved_by",
            "corrects",
            "approval_item__meeting",
        ),
        pk=pk,
    )


def get_amendment_for_user(user: Person, pk: int) -> MinutesAmendment:
    return get_object_or_404(
        MinutesAmendment.objects.filter(minutes__in=minutes_for(user)).select_related(
            "minutes__meeting__body__territory", "author"
        ),
        pk=pk,
    )


def can_write_minutes(user: Person, meeting: Meeting) -> bool:
    """The meeting's secretary and whoever runs the meeting."""
    return allowed(user, RECORD_MEETING, meeting)


def can_approve(user: Person, minutes: Minutes) -> bool:
    """Those who write the minutes, or who keep the record of the meeting where they are
    approved."""
    if can_write_minutes(user, minutes.meeting):
        return True
    meeting = minutes.approval_item.meeting if minutes.approval_item else None
    return meeting is not None and can_write_minutes(user, meeting)


def can_amend(user: Person, minutes: Minutes) -> bool:
    """Members of the body (not guests) and those who write the minutes."""
    return allowed(user, AMEND_MINUTES, minutes)


def review_days(meeting: Meeting) -> int:
    charter = meeting.charter or current_charter(meeting.body)
    return charter.minutes_review_days if charter else DEFAULT_REVIEW_DAYS


def meeting_versions(meeting: Meeting) -> list[Minutes]:
    """Every version of a meeting's minutes, the latest first."""
    return list(meeting.minutes.select_related("author").order_by("-version"))


def latest_minutes(meeting: Meeting) -> Minutes | None:
    return meeting.minutes.order_by("-version").first()


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The body's next meeting still to be held: where the minutes are approved."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .exclude(status__in=[Meeting.Status.HELD, Meeting.Status.CANCELLED])
        .order_by("starts_at", "pk")
        .first()
    )


def approval_meeting(meeting: Meeting, review_until: date) -> Meeting | None:
    """Where minutes whose review ends on `review_until` are approved: the body's first
    meeting still to be held on a later day. A meeting that falls inside the review
    period would approve a text still open to amendment: it is passed over."""
    after = timezone.make_aware(datetime.combine(review_until + timedelta(days=1), time.min))
    return (
        Meeting.objects.filter(
            body_id=meeting.body_id, starts_at__gt=meeting.starts_at, starts_at__gte=after
        )
        .exclude(status__in=[Meeting.Status.HELD, Meeting.Status.CANCELLED])
        .order_by("starts_at", "pk")
        .first()
    )


def waiting_for_approval(meeting: Meeting) -> list[Minutes]:
    """The body's minutes in review that no meeting's agenda carries yet and whose review
    ends before `meeting`'s day: this meeting is where they are approved."""
    day = timezone.localtime(meeting.starts_at).date()
    return list(
        Minutes.objects.filter(
            meeting__body_id=meeting.body_id,
            meeting__starts_at__lt=meeting.starts_at,
            status=Minutes.Status.IN_REVIEW,
            approval_item__isnull=True,
            review_until__lt=day,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )


def amendments_of(minutes: Minutes) -> QuerySet[MinutesAmendment]:
    return minutes.amendments.select_related("author", "decided_by").order_by("created_at", "pk")


def minutes_history(minutes: Minutes) -> QuerySet[LogEntry]:
    """The audit trail of a minutes version and of its amendments."""
    types = ContentType.objects.get_for_models(Minutes, MinutesAmendment)
    amendment_ids = MinutesAmendment.objects.filter(minutes=minutes).values("pk")
    return (
        LogEntry.objects.filter(
            Q(content_type=types[Minutes], object_id=minutes.pk)
            | Q(content_type=types[MinutesAmendment], object_id__in=amendment_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def minutes_to_review(person: Person, today: date | None = None) -> QuerySet[Minutes]:
    """Minutes in review that the person may amend (they sit in the body as a member,
    guests aside) and did not write, whose review period has not ended: the end of the
    review soonest first. One query."""
    today = today or timezone.localdate()
    seats = (
        BodyMembership.objects.current()
        .filter(person=person)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("body_id")
    )
    return (
        Minutes.objects.filter(status=Minutes.Status.IN_REVIEW, meeting__body__in=seats)
        .filter(Q(review_until__gte=today) | Q(review_until__isnull=True))
        .exclude(author=person)
        .select_related("meeting__body")
        .order_by("review_until", "pk")
    )
