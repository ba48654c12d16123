"""Response helpers shared by the views of every app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the page that linked here (`next`, posted or in the
    address) if it is a path of this site, `default` otherwise. A path only ("/..."):
    `next=abc` passes url_has_allowed_host_and_scheme as a relative URL, and redirect()
    then takes it for a URL name and fails with a 500 after the write succeeded."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def file_response(
    content: bytes, content_type: str, filename: str, *, inline: bool
) -> HttpResponse:
    """A generated file (an export): shown in the browser (`inline`) or downloaded."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
