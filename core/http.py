"""Response helpers shared by the views of every app."""

from __future__ import annotations

from django.http import HttpResponse


def file_response(
    content: bytes, content_type: str, filename: str, *, inline: bool
) -> HttpResponse:
    """A generated file (an export): shown in the browser (`inline`) or downloaded."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
