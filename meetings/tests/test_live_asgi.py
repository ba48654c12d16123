"""Under ASGI the live event streams skip the middleware chain (meetings/live_asgi.py):
served by a handler of their own, with the session and the access check done by the view,
while every other path goes through the ordinary chain."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.urls import reverse

from codir.asgi import application
from conftest import World, client_for
from core.tests.aio import run_in_own_thread
from meetings import live
from meetings.live_hub import hub
from meetings.tests.test_live import convened

pytestmark = pytest.mark.django_db(transaction=True)


def _get(path: str, query: str = "", cookie: str = "") -> tuple[int, dict[str, str], str]:
    """One GET through the site's ASGI application, read to its end (streams: ?once=1)."""
    headers = [(b"host", b"testserver"), (b"x-forwarded-proto", b"https")]
    if cookie:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": headers,
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 443),
    }

    async def scenario() -> tuple[int, dict[str, str], str]:
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
        start = await communicator.receive_output(timeout=20)
        body = b""
        while True:
            message = await communicator.receive_output(timeout=20)
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await communicator.wait(timeout=5)
        await hub.stop_listener()
        headers = {key.decode().lower(): value.decode() for key, value in start["headers"]}
        return start["status"], headers, body.decode()

    return run_in_own_thread(scenario())


def _session(client: Any) -> str:
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_stream_is_served_without_the_middleware_chain(world: World) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    url = reverse("meetings:live_events", args=[meeting.pk])
    status, headers, body = _get(url, "once=1&v=0", _session(client_for(world.member)))
    assert status == 200 and headers["content-type"] == "text/event-stream"
    assert body == "retry: 1000\n\nid: 1\nevent: change\ndata: 1\n\n"
    # No middleware ran (the ordinary chain adds X-Frame-Options to every answer)...
    assert "x-frame-options" not in headers
    # ...which the other pages still go through.
    status, headers, _body = _get(reverse("meetings:live", args=[meeting.pk]))
    assert headers.get("x-frame-options") == "DENY"


def test_the_stream_checks_access_itself(world: World) -> None:
    meeting = convened(world)
    url = reverse("meetings:live_events", args=[meeting.pk])
    status, headers, _body = _get(url, "once=1")
    assert status == 302 and headers["location"].startswith(reverse(settings.LOGIN_URL))
    status, _headers, _body = _get(url, "once=1", _session(client_for(world.outsider)))
    assert status == 404
