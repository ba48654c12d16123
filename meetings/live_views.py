"""The live meeting: its page, the fragment every participant's page reloads when the
facilitator moves, the server-sent events stream that says when to, and the actions of
those who run the meeting (facilitator, secretary, administrators: meeting_permissions
`run`). Outsiders get 404, members who may only follow get 403 on the actions.

Every action answers an htmx request with the fragment (the page swaps it in place) and
a plain form post with a redirection, so the page also works without JavaScript. The
consent panel of a proposal treated on the current item is decisions': its tag
(`consent_panels`) draws it in the fragment, its view answers through `live_answer`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedRequest
from meetings import live, live_stream
from meetings.live_state import live_state
from meetings.models import AgendaItem, Meeting
from meetings.selectors import get_item_for_user, get_meeting_for_user, meeting_permissions

STATE_TEMPLATE = "meetings/live/_state.html"


def _require_run(request: AuthenticatedRequest, meeting: Meeting) -> None:
    if not meeting_permissions(request.user, meeting).run:
        raise PermissionDenied


def _context(request: AuthenticatedRequest, meeting: Meeting, error: str = "") -> dict[str, Any]:
    state = live_state(meeting)
    return {
        "meeting": meeting,
        "body": meeting.body,
        "territory": meeting.body.territory,
        "state": state,
        "can_run": meeting_permissions(request.user, meeting).run,
        "outcomes": [choice for choice in AgendaItem.Outcome.choices if choice[0]],
        "error": error,
    }


def _fresh(request: AuthenticatedRequest, pk: int) -> Meeting:
    return get_meeting_for_user(request.user, pk)


@require_GET
@login_required
def live_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The live page of a meeting: its current item, clock, speaking round, notes,
    outcome and controls. An htmx request gets the fragment alone."""
    meeting = _fresh(request, pk)
    template = STATE_TEMPLATE if request.htmx else "meetings/live/live.html"
    return render(request, template, _context(request, meeting))


@require_GET
@login_required
def live_fragment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What changes on the live page, reloaded by live.js at each change event."""
    meeting = _fresh(request, pk)
    response = render(request, STATE_TEMPLATE, _context(request, meeting))
    response["Cache-Control"] = "no-store"
    return response


def _bounded(request: HttpRequest) -> tuple[float, float, bool]:
    """How long the stream lasts, how often it keeps alive, and whether it stops at the
    first event (`?once=1`: at most 5 seconds)."""
    once = request.GET.get("once") == "1"
    duration = live_stream.stream_seconds()
    return (min(5.0, duration) if once else duration), live_stream.keepalive_seconds(), once


def _since(request: HttpRequest, meeting: Meeting) -> int:
    """The version the page shows: Last-Event-ID on a reconnection, `v` on the first
    connection (the fragment's version), otherwise the current one."""
    for raw in (request.headers.get("Last-Event-ID"), request.GET.get("v")):
        if raw and raw.isdigit():
            return int(raw)
    return meeting.live_version


@dataclass(frozen=True)
class _Opening:
    """What opening a stream needs from the database, read in one short call."""

    meeting_id: int
    since: int


def _session_and_user(request: HttpRequest) -> None:
    """What SessionMiddleware and AuthenticationMiddleware give a request, for a stream
    served without middleware (meetings/live_asgi.py)."""
    engine = import_module(settings.SESSION_ENGINE)
    request.session = engine.SessionStore(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    request.user = auth.get_user(request)


def _open_stream(request: HttpRequest, pk: int) -> _Opening | HttpResponse:
    """The access check of live_events, in a thread (sync code: session, user, meeting),
    then the connection given back: the stream does not use it. An anonymous visitor is
    sent to log in, an outsider gets 404."""
    try:
        if not hasattr(request, "user"):
            _session_and_user(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        meeting = _fresh(cast(AuthenticatedRequest, request), pk)
        return _Opening(meeting.pk, _since(request, meeting))
    finally:
        # Given back (to the pool) rather than held for the stream's minute; SQLite's
        # test server shares its connection between threads: kept.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            connection.close()


@require_GET
async def live_events(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Server-sent events: `event: change` with the new version whenever the meeting's
    live state moves. Each stream lasts at most a minute (live_stream.stream_seconds()),
    then the browser reconnects; `?once=1` ends it after the first event or within 5
    seconds.

    An async view (issue 9): under ASGI (uvicorn, docs/deploy.md), served without the
    middleware chain (meetings/live_asgi.py), the session, user and access check are one
    short call in the event loop's worker threads (no thread of its own per stream, no
    middleware chain), and the answer an asynchronous stream fed by the process's LISTEN fan-out
    (live_hub.py), holding neither a thread nor a connection. Hundreds of streams opening
    at once thus never queue the facilitator's "next item". Under WSGI (the test server)
    the check runs in the request's own thread and the stream holds that thread, and on
    PostgreSQL a listening connection, while it lasts."""
    asgi = isinstance(request, ASGIRequest)
    opened = await sync_to_async(_open_stream, thread_sensitive=not asgi)(request, pk)
    if isinstance(opened, HttpResponse):
        return opened
    duration, keepalive, once = _bounded(request)
    content: Any
    if asgi:
        content = live_stream.async_event_stream(
            opened.meeting_id, opened.since, duration=duration, keepalive=keepalive, once=once
        )
    else:
        content = live_stream.sync_event_stream(
            opened.meeting_id, opened.since, duration=duration, keepalive=keepalive, once=once
        )
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response


# --- Actions ---------------------------------------------------------------------------


def live_answer(
    request: AuthenticatedRequest,
    meeting: Meeting,
    action: Callable[[], object],
    *,
    done: str = "",
    then: str = "",
) -> HttpResponse:
    """Run a service; answer htmx with the fragment (with the error if refused), a plain
    post with a redirection (to `then`, by default the live page) and a message. The
    consent panel's actions (decisions/live/views.py) answer through it too."""
    error = ""
    try:
        action()
    except ValidationError as refused:
        error = " ".join(refused.messages)
    if request.htmx:
        fresh = _fresh(request, meeting.pk)
        return render(request, STATE_TEMPLATE, _context(request, fresh, error))
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(then or reverse("meetings:live", args=[meeting.pk]))


@require_POST
@login_required
def start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Open the meeting; more than two days before its date (live.EARLY_OPENING), the
    first post shows a confirmation step and only the confirmed post opens it."""
    meeting = _fresh(request, pk)
    _require_run(request, meeting)
    if (
        meeting.status == Meeting.Status.CONVENED
        and live.opens_early(meeting)
        and request.POST.get("confirm_early") != "1"
    ):
        context = _context(request, meeting)
        context["confirm_early"] = True
        context["early_days"] = (timezone.localdate(meeting.starts_at) - timezone.localdate()).days
        template = STATE_TEMPLATE if request.htmx else "meetings/live/live.html"
        return render(request, template, context)
    return live_answer(
        request,
        meeting,
        lambda: live.meeting_start(meeting=meeting),
        done=_("La réunion est ouverte."),
    )


@require_POST
@login_required
def close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = _fresh(request, pk)
    _require_run(request, meeting)
    return live_answer(
        request,
        meeting,
        lambda: live.meeting_close(meeting=meeting),
        done=_("La réunion est close : les points non traités passent à la suivante."),
        then=meeting.get_absolute_url(),
    )


@require_POST
@login_required
def next_item(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = _fresh(request, pk)
    _require_run(request, meeting)
    return live_answer(request, meeting, lambda: live.live_next_item(meeting=meeting))


@require_POST
@login_required
def previous_item(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = _fresh(request, pk)
    _require_run(request, meeting)
    return live_answer(request, meeting, lambda: live.live_previous_item(meeting=meeting))


def _item(request: AuthenticatedRequest, pk: int) -> AgendaItem:
    item = get_item_for_user(request.user, pk)
    _require_run(request, item.meeting)
    return item


@require_POST
@login_required
def round_next(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if request.POST.get("restart"):
        return live_answer(request, item.meeting, lambda: live.live_round_restart(item=item))
    return live_answer(request, item.meeting, lambda: live.live_round_next(item=item))


@require_POST
@login_required
def notes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Save the secretary's notes. htmx gets a short status line only: the text area the
    secretary is typing in is left alone."""
    item = _item(request, pk)
    text = request.POST.get("notes", "")
    if request.htmx:
        try:
            live.item_notes_save(item=item, notes=text)
        except ValidationError as refused:
            return HttpResponse(" ".join(refused.messages), status=409, content_type="text/plain")
        saved_at = timezone.localtime().strftime("%H:%M:%S")
        return HttpResponse(
            _("Notes enregistrées à %(time)s.") % {"time": saved_at},
            content_type="text/plain; charset=utf-8",
        )
    return live_answer(
        request,
        item.meeting,
        lambda: live.item_notes_save(item=item, notes=text),
        done=_("Notes enregistrées."),
    )


@require_POST
@login_required
def outcome(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    value = request.POST.get("outcome", "")
    return live_answer(
        request,
        item.meeting,
        lambda: live.item_outcome_set(item=item, outcome=value),
        done=_("Issue enregistrée."),
    )
