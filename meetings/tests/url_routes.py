"""The calendar and live meeting URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from meetings.models import AgendaItem, Meeting
from meetings.rsvp import reply_token
from meetings.tests.factories import AgendaItemFactory, MeetingFactory


def make_meeting(world: World) -> Meeting:
    return MeetingFactory.create(body=world.body)


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "meetings:body_meetings": lambda w: {"body_pk": w.body.pk},
    "meetings:create": lambda w: {"body_pk": w.body.pk},
    "meetings:generate": lambda w: {"body_pk": w.body.pk},
    "meetings:detail": lambda w: {"pk": make_meeting(w).pk},
    "meetings:update": lambda w: {"pk": make_meeting(w).pk},
    "meetings:roles": lambda w: {"pk": make_meeting(w).pk},
    "meetings:attendance": lambda w: {"pk": make_meeting(w).pk},
}


# The live meeting (meetings/live_urls.py). The event stream is bounded (a minute at most,
# `?once=1` five seconds) and the test client does not read a streamed body: no hang.
def make_item(world: World) -> AgendaItem:
    return AgendaItemFactory.create(meeting=make_meeting(world), proposed_by=world.member)


ROUTES.update(
    {
        "meetings:start": lambda w: {"pk": make_meeting(w).pk},
        "meetings:close": lambda w: {"pk": make_meeting(w).pk},
        "meetings:live": lambda w: {"pk": make_meeting(w).pk},
        "meetings:live_fragment": lambda w: {"pk": make_meeting(w).pk},
        "meetings:live_events": lambda w: {"pk": make_meeting(w).pk},
        "meetings:live_next": lambda w: {"pk": make_meeting(w).pk},
        "meetings:live_previous": lambda w: {"pk": make_meeting(w).pk},
        "meetings:live_round_next": lambda w: {"pk": make_item(w).pk},
        "meetings:live_notes": lambda w: {"pk": make_item(w).pk},
        "meetings:live_outcome": lambda w: {"pk": make_item(w).pk},
    }
)


# The upload pages of a meeting and of an item (meetings/attachment_urls.py, under
# /documents/).
ROUTES.update(
    {
        "meetings:document_upload": lambda w: {"meeting_pk": make_meeting(w).pk},
        "meetings:item_document_upload": lambda w: {"item_pk": make_item(w).pk},
    }
)


# Answering a convocation (meetings/rsvp.py): from the page, and by the mail's signed
# link, which anyone holding it may open (the token says who answers).
ROUTES.update(
    {
        "meetings:reply": lambda w: {"pk": make_meeting(w).pk},
        "meetings:reply_link": lambda w: {"token": reply_token(make_meeting(w), w.member)},
    }
)
PUBLIC = {"meetings:reply_link"}
