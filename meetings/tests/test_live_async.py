"""The event stream under ASGI: one listener per process, streams that hold neither a
thread nor a database connection while they wait, every stream woken by one write.
Each scenario runs in its own event loop (asyncio.run, in a thread) and stops its listener; the
waits are bounded (a guard against a hang), no test measures time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable
from typing import Any, TypeVar

import psycopg
import pytest
from asgiref.sync import sync_to_async
from django.db import connection, connections
from django.test import AsyncClient
from django.urls import reverse

from conftest import World
from core.tests.aio import run_in_own_thread
from meetings import live, live_stream
from meetings.live_hub import CHANNEL, LISTENER_NAME, hub, listener_params
from meetings.models import Meeting
from meetings.tests.test_live import ON_POSTGRESQL, convened

pytestmark = pytest.mark.django_db(transaction=True)

CHANGE_1 = "id: 1\nevent: change\ndata: 1\n\n"
GUARD_SECONDS = 20
T = TypeVar("T")


def _start(pk: int) -> None:
    """The facilitator opens the meeting, in another thread with its own connection."""
    try:
        live.meeting_start(meeting=Meeting.objects.get(pk=pk))
    finally:
        connection.close()


class Reads:
    """The stream's reader, counting the reads (to know that every stream has read)."""

    def __init__(self) -> None:
        self.count = 0
        self.reader: Callable[[int], int | None] = live_stream._read_and_close

    def __call__(self, pk: int) -> int | None:
        try:
            return self.reader(pk)
        finally:
            self.count += 1


async def _open(pk: int, n: int, reads: Reads) -> list[AsyncGenerator[str]]:
    streams = [
        live_stream.async_event_stream(pk, 0, duration=60, keepalive=50, reader=reads)
        for _ in range(n)
    ]
    for stream in streams:
        assert await anext(stream) == "retry: 1000\n\n"
    return streams


async def _until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(GUARD_SECONDS):
        while not condition():
            await asyncio.sleep(0.02)


def _pg_count(counter: psycopg.Connection[Any], where: str = "true") -> int:
    row = counter.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        f"AND pid <> pg_backend_pid() AND {where}"
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_fifty_streams_share_the_hub_and_all_get_the_write(world: World) -> None:
    meeting = convened(world)

    async def scenario() -> list[str]:
        reads = Reads()
        streams = await _open(meeting.pk, 50, reads)
        assert hub.count(meeting.pk) == 50
        waiting = [asyncio.create_task(anext(stream)) for stream in streams]
        await _until(lambda: reads.count == 50)
        await sync_to_async(_start, thread_sensitive=False)(meeting.pk)
        async with asyncio.timeout(GUARD_SECONDS):
            events = await asyncio.gather(*waiting)
        for stream in streams:
            await stream.aclose()
        assert hub.count(meeting.pk) == 0
        await hub.stop_listener()
        return events

    assert run_in_own_thread(scenario()) == [CHANGE_1] * 50
    assert live_stream.open_streams() == 0


def _pool_stats() -> tuple[int, int]:
    """Connections checked out of Django's pool, and the pool's size (0, 0 without)."""
    if "pool" not in connections["default"].settings_dict.get("OPTIONS", {}):
        return 0, 0
    stats = connections["default"].pool.get_stats()  # type: ignore[attr-defined]
    return stats["pool_size"] - stats["pool_available"], stats["pool_size"]


@ON_POSTGRESQL
def test_streams_use_one_listen_connection_and_none_while_idle(world: World) -> None:
    """50 streams: one LISTEN connection in all, the number of connections to the
    database does not grow with the streams, and a NOTIFY sent by another process (here
    a plain connection, as another app server would) reaches every stream."""
    meeting = convened(world)
    params = {**listener_params(), "application_name": "codir-test-counter"}

    async def scenario(counter: psycopg.Connection[Any]) -> list[str]:
        reads = Reads()
        one = await _open(meeting.pk, 1, reads)
        first = asyncio.create_task(anext(one[0]))
        await _until(lambda: reads.count == 1)
        baseline, out = _pg_count(counter), _pool_stats()[0]
        streams = await _open(meeting.pk, 49, reads)
        waiting = [first] + [asyncio.create_task(anext(stream)) for stream in streams]
        await _until(lambda: reads.count == 50)
        listening = f"application_name = '{LISTENER_NAME}'"
        assert _pg_count(counter, listening) == 1
        # The initial reads gave their connections back: none is checked out of the pool
        # and the connections to the database do not grow with the streams (beyond the
        # pool's idle ones, at most its size, or none without a pool; a closed backend may
        # linger a moment in pg_stat_activity, hence the bounded waits).
        await _until(lambda: _pool_stats()[0] <= out)
        await _until(lambda: _pg_count(counter) <= baseline + _pool_stats()[1])
        assert _pool_stats()[1] <= 10
        counter.execute(
            f"UPDATE {Meeting._meta.db_table} SET live_version = 1 WHERE id = %s", [meeting.pk]
        )
        counter.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{meeting.pk} 1"])
        async with asyncio.timeout(GUARD_SECONDS):
            events = await asyncio.gather(*waiting)
        assert _pg_count(counter, listening) == 1
        for stream in [*one, *streams]:
            await stream.aclose()
        await hub.stop_listener()
        return events

    with psycopg.connect(**params, autocommit=True) as counter:
        assert run_in_own_thread(scenario(counter)) == [CHANGE_1] * 50

        async def listener_gone() -> None:  # a closed backend may linger a moment
            await _until(lambda: _pg_count(counter, f"application_name = '{LISTENER_NAME}'") == 0)

        run_in_own_thread(listener_gone())


def test_events_view_streams_asynchronously_under_asgi(world: World) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    url = reverse("meetings:live_events", args=[meeting.pk])

    async def scenario() -> tuple[int, str, str]:
        client = AsyncClient()
        await client.aforce_login(world.member)
        response = await client.get(url, {"once": "1", "v": "0"})
        chunks = [
            chunk.decode() if isinstance(chunk, bytes) else str(chunk)
            async for chunk in response.streaming_content  # type: ignore[attr-defined]
        ]
        await hub.stop_listener()
        assert response.is_async  # type: ignore[attr-defined]  # no thread held
        return response.status_code, response["Content-Type"], "".join(chunks)

    status, content_type, body = run_in_own_thread(scenario())
    assert status == 200 and content_type == "text/event-stream"
    assert body == "retry: 1000\n\n" + CHANGE_1
