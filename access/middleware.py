"""Reads each person's roles and visible bodies once per request (access.roles.request_roles,
access.scopes.request_bodies)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponse

from access.roles import request_roles
from access.scopes import request_bodies


class RequestRolesMiddleware:
    """Sync and async (core/asgi_middleware.py says why every middleware is both): the
    context variables set here reach a sync view through asgiref's context copy."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self.__acall__(request)
        token = request_roles.set({})
        bodies_token = request_bodies.set({})
        try:
            response: HttpResponse = self.get_response(request)
            return response
        finally:
            request_bodies.reset(bodies_token)
            request_roles.reset(token)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        token = request_roles.set({})
        bodies_token = request_bodies.set({})
        try:
            response: HttpResponse = await self.get_response(request)
            return response
        finally:
            request_bodies.reset(bodies_token)
            request_roles.reset(token)
