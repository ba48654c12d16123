"""A view that meets a database error, for core/tests/test_unavailable.py."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

handler500 = "core.unavailable.server_error"


def operational(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection refused")


def interface(request: HttpRequest) -> HttpResponse:
    raise InterfaceError("connection already closed")


def bug(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug")


def fine(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("operational/", operational),
    path("interface/", interface),
    path("bug/", bug),
    path("fine/", fine),
]
