"""URL routes of the agenda, the convocation and the calendar feeds, for the URL walk
(codir/tests/test_url_walk.py): each name with the objects it needs, made from the
World fixture."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory


def _meeting(world: World) -> Meeting:
    return MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)


def _item(world: World) -> AgendaItem:
    return AgendaItemFactory.create(meeting=_meeting(world), proposed_by=world.member)


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "meetings:agenda": lambda w: {"pk": _meeting(w).pk},
    "meetings:item_propose": lambda w: {"pk": _meeting(w).pk},
    "meetings:item_reorder": lambda w: {"pk": _meeting(w).pk},
    "meetings:item_action": lambda w: {"pk": _meeting(w).pk},
    "meetings:add_rounds": lambda w: {"pk": _meeting(w).pk},
    "meetings:item_edit": lambda w: {"pk": _item(w).pk},
    "meetings:item_move": lambda w: {"pk": _item(w).pk},
    "meetings:item_accept": lambda w: {"pk": _item(w).pk},
    "meetings:item_defer": lambda w: {"pk": _item(w).pk},
    "meetings:item_merge": lambda w: {"pk": _item(w).pk},
    "meetings:convene": lambda w: {"pk": _meeting(w).pk},
    "meetings:cancel": lambda w: {"pk": _meeting(w).pk},
    "meetings:meeting_ics": lambda w: {"pk": _meeting(w).pk},
    "meetings:my_calendar": lambda w: {},
    "meetings:person_feed": lambda w: {"token": w.admin.calendar_token},
    "meetings:body_feed": lambda w: {"token": w.body.calendar_token},
    "meetings:feed_renew": lambda w: {},
    "meetings:body_feed_renew": lambda w: {"body_pk": w.body.pk},
}

# The feeds are public: their token is the secret.
PUBLIC = {"meetings:person_feed", "meetings:body_feed"}
# My calendar belongs to the person: anyone logged in reaches their own.
PERSONAL = {"meetings:my_calendar", "meetings:feed_renew"}
