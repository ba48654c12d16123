"""The meetings whose agenda an actor's page offers to put the actor on: for the bodies
the user sits in as a member, their next open agenda (meetings.agenda_selectors, as the
home page shows it); for a territory's administrator, also the next open meeting of each
other body of the territory whose agenda they may propose to as the one who runs it
(access.permissions.RUN_MEETING, the permission meetings' item_propose checks)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from access.permissions import MANAGE_TERRITORY, RUN_MEETING, allowed
from accounts.models import Person
from meetings.agenda_selectors import OPEN_AGENDA_WINDOW_DAYS, OPEN_STATUSES, open_agendas_for
from meetings.models import Meeting
from territories.models import Territory


def proposable_meetings(
    user: Person, territory: Territory, now: datetime | None = None
) -> list[Meeting]:
    """One meeting per body, soonest first. A member's own bodies cost one query; an
    administrator's other bodies one more, plus the roles read once per such body (the
    access layer's per-body cache), so at most one per body of the territory."""
    now = now or timezone.now()
    found: dict[int, Meeting] = {
        entry.meeting.body_id: entry.meeting
        for entry in open_agendas_for(user, now)
        if entry.meeting.body.territory_id == territory.pk
    }
    # Asked about the territory itself: the roles the page has already read, no query.
    if allowed(user, MANAGE_TERRITORY, territory):
        others = (
            Meeting.objects.filter(
                body__territory=territory,
                status__in=OPEN_STATUSES,
                starts_at__gt=now,
                starts_at__lte=now + timedelta(days=OPEN_AGENDA_WINDOW_DAYS),
            )
            .exclude(body_id__in=list(found))
            .select_related("body")
            .order_by("starts_at", "pk")
        )
        for meeting in others:
            if meeting.body_id not in found and allowed(user, RUN_MEETING, meeting):
                found[meeting.body_id] = meeting
    return sorted(found.values(), key=lambda meeting: (meeting.starts_at, meeting.pk))
