"""Generated files streamed as they are produced (core.http.streaming_response): under
ASGI the lines go out in batches through an asynchronous iterator, never read whole."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from django.test import AsyncRequestFactory, RequestFactory

from core.http import STREAM_BATCH, streaming_response


class Source:
    """Lines produced on demand, counting how many were read."""

    def __init__(self, total: int) -> None:
        self.total, self.read = total, 0

    def __iter__(self) -> Iterator[bytes]:
        for n in range(self.total):
            self.read += 1
            yield f"{n}\n".encode()


def test_under_wsgi_the_lines_stream_as_they_are():
    source = Source(5)
    response = streaming_response(RequestFactory().get("/"), iter(source), "text/csv", "a.csv")
    assert not response.is_async
    assert response["Content-Disposition"] == 'attachment; filename="a.csv"'
    assert source.read == 0  # nothing produced before the server asks
    assert b"".join(response.streaming_content) == b"".join(f"{n}\n".encode() for n in range(5))  # type: ignore[arg-type]


def test_under_asgi_the_lines_go_out_in_batches_never_read_whole():
    total = 2 * STREAM_BATCH + 50
    source = Source(total)
    response = streaming_response(AsyncRequestFactory().get("/"), iter(source), "text/csv", "a.csv")
    assert response.is_async  # Django would otherwise read a sync iterator into a list

    async def consume() -> list[tuple[bytes, int]]:
        seen = []
        async for chunk in response:
            seen.append((chunk, source.read))
        return seen

    # In a thread of its own: in a whole run, Playwright keeps an event loop running in
    # the main thread, where asyncio.run() refuses to start.
    with ThreadPoolExecutor(1) as executor:
        seen = executor.submit(asyncio.run, consume()).result()
    assert [read for _chunk, read in seen] == [STREAM_BATCH, 2 * STREAM_BATCH, total]
    assert b"".join(chunk for chunk, _read in seen).count(b"\n") == total
