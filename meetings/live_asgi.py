"""The live meeting's event streams, served under ASGI by a Django handler of their own.

Why (issue 9): the site's middleware chain holds sync-only middlewares (whitenoise,
django-auditlog, ours), so Django runs the whole chain of every request, the view
included, in a worker thread (a new one per request: Django's ThreadSensitiveContext).
Five hundred participants opening their streams (every minute, as EventSource
reconnects) then cost five hundred threads and chain runs on the cores where the
facilitator's "next item" runs too. Making every middleware async-capable instead made
every other page pay a thread switch per middleware (the framework's floor went from 2.6
to 4.9 ms on the measuring machine).

So the streams' path goes to a handler without middleware: the async view
(live_views.live_events) reads the session, the user and the meeting in one short call in
a worker thread, then streams from the process's LISTEN fan-out (live_hub.py) in the event
loop. Every other path goes to the ordinary application, unchanged. Under WSGI (the test
server) and through Django's test clients, the streams pass through the ordinary chain.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.exception import convert_exception_to_response
from django.urls import Resolver404, resolve

Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]
STREAM_VIEW = "meetings:live_events"


class StreamHandler(ASGIHandler):
    """Django's ASGI handler with no middleware: the view does what it needs of them."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware: list[Any] = []
        self._template_response_middleware: list[Any] = []
        self._exception_middleware: list[Any] = []
        # As BaseHandler.load_middleware with an empty MIDDLEWARE (private in the stubs).
        name = "_get_response_async" if is_async else "_get_response"
        get_response = getattr(self, name)
        handler = convert_exception_to_response(get_response)
        self._middleware_chain = self.adapt_method_mode(is_async, handler, is_async)


def is_stream(scope: Scope) -> bool:
    if scope.get("type") != "http":
        return False
    path = scope.get("path", "")
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    try:
        return resolve(path).view_name == STREAM_VIEW
    except Resolver404:
        return False


def with_live_streams(application: ASGIApp) -> ASGIApp:
    """`application`, with the live event streams served by a StreamHandler."""
    streams = StreamHandler()

    async def route(scope: Scope, receive: Any, send: Any) -> None:
        if is_stream(scope):
            await streams(scope, receive, send)
        else:
            await application(scope, receive, send)

    return route
