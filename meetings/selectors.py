"""Reads for meetings: every meeting and agenda item is reached through these helpers,
scoped to the bodies the user may see (bodies.selectors.bodies_for)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import bodies_for
from meetings.models import AgendaItem, Charter, Meeting


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


def get_charter_for_user(user: Person, pk: int) -> Charter:
    return get_object_or_404(
        Charter.objects.filter(body__in=bodies_for(user)).select_related("body__territory"),
        pk=pk,
    )


def current_charter(body: Body) -> Charter | None:
    """The latest adopted version, or None while the body has not adopted one."""
    return Charter.objects.filter(body=body, adopted_on__isnull=False).order_by("-version").first()
