"""Response helpers shared by the views of every app."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
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


# Lines handed from the worker thread to the event loop at a time, under ASGI.
STREAM_BATCH = 200


async def _batches(lines: Iterator[bytes], size: int) -> AsyncIterator[bytes]:
    """Pull `lines` a batch at a time in the request's own thread (thread_sensitive: the
    database connection of the view, still open until the response closes)."""
    take = sync_to_async(lambda: b"".join(itertools.islice(lines, size)), thread_sensitive=True)
    while batch := await take():
        yield batch


def streaming_response(
    request: HttpRequest, lines: Iterator[bytes], content_type: str, filename: str
) -> StreamingHttpResponse:
    """A generated file sent as it is produced, so that memory does not grow with it.
    Under ASGI (uvicorn) a synchronous iterator would be read whole into a list before the
    first byte (Django's StreamingHttpResponse.__aiter__): it gets an asynchronous one."""
    content: Iterator[bytes] | AsyncIterator[bytes] = lines
    if isinstance(request, ASGIRequest):
        content = _batches(lines, STREAM_BATCH)
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
