"""Typing and response helpers shared by the views of every app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from accounts.models import Person


class AuthenticatedRequest(HttpRequest):
    """A request behind `login_required`, as the type checker should see it."""

    user: Person
    htmx: HtmxDetails


def file_response(
    content: bytes, content_type: str, filename: str, *, inline: bool
) -> HttpResponse:
    """A generated file (an export): shown in the browser (`inline`) or downloaded."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
