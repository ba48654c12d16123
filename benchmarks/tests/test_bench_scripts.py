"""The benchmark's helpers: the round-robin balancer (scripts/bench_lb.py) and the
meetings bench_live prepares for its multi-meeting mode."""

from __future__ import annotations

import asyncio
import time

import pytest

from core.tests.aio import run_in_own_thread
from scripts.bench_lb import Balancer


async def _backend(name: bytes, chunks: int = 1, pause: float = 0.0) -> asyncio.Server:
    """Answers each connection with `chunks` lines naming itself, `pause` apart."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readline()
        for _ in range(chunks):
            writer.write(name + b"\n")
            await writer.drain()
            await asyncio.sleep(pause)
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def _port(server: asyncio.Server) -> int:
    port: int = server.sockets[0].getsockname()[1]
    return port


async def _ask(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """The writer is returned too: once collected, it would close the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    await writer.drain()
    return reader, writer


def test_balancer_sends_each_connection_to_the_next_backend() -> None:
    async def scenario() -> tuple[list[bytes], list[int]]:
        first, second = await _backend(b"A"), await _backend(b"B")
        balancer = Balancer([("127.0.0.1", _port(first)), ("127.0.0.1", _port(second))])
        front = await balancer.serve("127.0.0.1", 0)
        answers = []
        for _ in range(4):
            reader, writer = await _ask(_port(front))
            answers.append(await asyncio.wait_for(reader.read(), 5))
            writer.close()
        for server in (front, first, second):
            server.close()
        return answers, balancer.counts

    answers, counts = run_in_own_thread(scenario())
    assert answers == [b"A\n", b"B\n", b"A\n", b"B\n"]
    assert counts == [2, 2]


def test_balancer_passes_a_stream_through_as_it_comes() -> None:
    """The first line arrives long before the backend ends its answer: nothing waits for
    a buffer to fill (a server-sent events stream needs each event at once)."""

    async def scenario() -> tuple[float, float, bytes]:
        slow = await _backend(b"event", chunks=3, pause=0.5)
        balancer = Balancer([("127.0.0.1", _port(slow))])
        front = await balancer.serve("127.0.0.1", 0)
        start = time.monotonic()
        reader, writer = await _ask(_port(front))
        first = await asyncio.wait_for(reader.readline(), 5)
        first_at = time.monotonic() - start
        rest = await asyncio.wait_for(reader.read(), 5)
        end_at = time.monotonic() - start
        writer.close()
        front.close()
        slow.close()
        return first_at, end_at, first + rest

    first_at, end_at, body = run_in_own_thread(scenario())
    assert body == b"event\n" * 3
    assert first_at < 0.4 < end_at


def test_balancer_closes_a_connection_whose_backend_is_down() -> None:
    async def scenario() -> bytes:
        gone = await _backend(b"A")
        port = _port(gone)
        gone.close()
        await gone.wait_closed()
        balancer = Balancer([("127.0.0.1", port)])
        front = await balancer.serve("127.0.0.1", 0)
        reader, writer = await _ask(_port(front))
        answer = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        front.close()
        return answer

    assert run_in_own_thread(scenario()) == b""


@pytest.mark.django_db
def test_multi_meeting_mode_prepares_one_meeting_in_progress_per_facilitator() -> None:
    from django.contrib.sessions.models import Session

    from meetings.models import Meeting
    from scripts.bench_live import prepare_many

    setups = prepare_many(2)

    assert len({setup.meeting_id for setup in setups}) == 2
    meetings = Meeting.objects.filter(pk__in=[s.meeting_id for s in setups])
    assert len({meeting.body_id for meeting in meetings}) == 2
    assert len({meeting.facilitator_id for meeting in meetings}) == 2
    for setup in setups:
        meeting = meetings.get(pk=setup.meeting_id)
        assert meeting.live_version == setup.version
        assert meeting.items.count() == 40
        for cookie in (setup.member_cookie, setup.facilitator_cookie):
            key = cookie.split("=", 1)[1]
            assert Session.objects.filter(session_key=key).exists()


def test_live_client_notes_each_version_once_and_reconnects_with_the_last_event_id() -> None:
    """The benchmark's participant (scripts/bench_live.py) reads a chunked event stream,
    notes when each version first arrived, and reconnects with Last-Event-ID."""
    from scripts.bench_live import Group, _participant

    asked: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = b""
        while not request.endswith(b"\r\n\r\n"):
            chunk = await reader.read(1024)
            if not chunk:  # a client cancelled before asking: nothing to answer
                writer.close()
                return
            request += chunk
        asked.append(request)
        body = b"retry: 1000\n\nid: 7\nevent: change\ndata: 7\n\n: keep-alive\n\n"
        body += b"id: 7\nevent: change\ndata: 7\n\n"
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        writer.write(b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
        await writer.drain()
        writer.close()

    async def scenario() -> Group:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        group = Group(1)
        task = asyncio.create_task(
            _participant("127.0.0.1", _port(server), "/flux/", {"Host": "x"}, group, 0)
        )
        for _ in range(200):
            if len(asked) >= 2:
                break
            await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        server.close()
        return group

    group = run_in_own_thread(scenario())
    assert list(group.seen[0]) == [7]
    assert group.counts == {7: 1}
    assert group.completion(7).is_set()
    assert group.all_connected.is_set()
    assert b"Last-Event-ID: 7" not in asked[0]
    assert b"Last-Event-ID: 7" in asked[1]
