"""Reads each person's roles and visible bodies once per request (access.roles.request_roles,
access.scopes.request_bodies)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from access.roles import request_roles
from access.scopes import request_bodies


class RequestRolesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_roles.set({})
        bodies_token = request_bodies.set({})
        try:
            return self.get_response(request)
        finally:
            request_bodies.reset(bodies_token)
            request_roles.reset(token)
