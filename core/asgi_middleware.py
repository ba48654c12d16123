"""Async-capable versions of the two third-party middlewares that are sync-only
(whitenoise, django-auditlog).

Why: under ASGI (uvicorn, docs/deploy.md), one sync-only middleware makes Django run the
whole chain, and the view, in the process's single sync thread (asgiref's
`thread_sensitive`). An async view behind it then holds that thread while it runs: the
live meeting's event streams opening by hundreds queued the facilitator's "next item"
(issue 9). With every middleware async-capable, an async view (live_views.live_events)
runs in the event loop, and sync views still run in the sync thread as before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from auditlog.cid import set_cid
from auditlog.context import set_extra_data
from auditlog.middleware import AuditlogMiddleware as SyncAuditlogMiddleware
from django.http import HttpRequest, HttpResponseBase
from whitenoise.middleware import WhiteNoiseMiddleware as SyncWhiteNoiseMiddleware

Handler = Callable[[HttpRequest], Any]


class WhiteNoiseMiddleware(SyncWhiteNoiseMiddleware):
    """whitenoise, also in an async chain: the file lookup is in memory (or a stat with
    autorefresh, in development), so it needs no thread."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Handler | None = None, settings: Any = None) -> None:
        if settings is None:
            super().__init__(get_response)
        else:
            super().__init__(get_response, settings)
        self.is_async = get_response is not None and iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        if self.autorefresh:
            static_file = self.find_file(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        if static_file is not None:
            return self.serve(static_file, request)
        response: Awaitable[HttpResponseBase] = self.get_response(request)
        return await response


class AuditlogMiddleware(SyncAuditlogMiddleware):
    """django-auditlog's actor and address, also in an async chain. The actor is the
    request's lazy user: read only when a change is logged (in a sync view), so that an
    async view that logs nothing (the live stream) does not load it here."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Handler | None = None) -> None:
        super().__init__(get_response)
        self.is_async = get_response is not None and iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        set_cid(request)
        context_data = {
            "remote_addr": self._get_remote_addr(request),
            "remote_port": self._get_remote_port(request),
            "actor": getattr(request, "user", None),
        }
        with set_extra_data(context_data=context_data):
            response: Awaitable[HttpResponseBase] = self.get_response(request)
            return await response
