"""Routes of the minutes app for codir/tests/test_url_walk.py: each URL name with the
arguments that resolve it to real objects of the walk's world."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from minutes.models import Minutes, MinutesAmendment


def _meeting(w: World) -> Meeting:
    starts_at = timezone.now() - timedelta(days=2)
    meeting = MeetingFactory.create(
        body=w.body,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    AgendaItemFactory.create(meeting=meeting, status="accepted", notes="Notes du point.")
    return meeting


def _minutes(w: World) -> Minutes:
    return Minutes.objects.create(
        meeting=_meeting(w),
        text="## Présences\n\nTexte du compte-rendu.\n",
        author=w.admin,
        status=Minutes.Status.IN_REVIEW,
        review_until=timezone.localdate() + timedelta(days=10),
    )


def _amendment(w: World) -> MinutesAmendment:
    return MinutesAmendment.objects.create(
        minutes=_minutes(w), author=w.member, passage="Texte", replacement="Le texte", reason="."
    )


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "minutes:for_meeting": lambda w: {"meeting_pk": _meeting(w).pk},
    "minutes:draft": lambda w: {"meeting_pk": _meeting(w).pk},
    "minutes:agenda_pdf": lambda w: {"meeting_pk": _meeting(w).pk},
    "minutes:detail": lambda w: {"pk": _minutes(w).pk},
    "minutes:edit": lambda w: {"pk": _minutes(w).pk},
    "minutes:submit": lambda w: {"pk": _minutes(w).pk},
    "minutes:amend": lambda w: {"pk": _minutes(w).pk},
    "minutes:approve": lambda w: {"pk": _minutes(w).pk},
    "minutes:correct": lambda w: {"pk": _minutes(w).pk},
    "minutes:pdf": lambda w: {"pk": _minutes(w).pk},
    "minutes:odt": lambda w: {"pk": _minutes(w).pk},
    "minutes:history": lambda w: {"pk": _minutes(w).pk},
    "minutes:amendment_decide": lambda w: {"pk": _amendment(w).pk},
}
