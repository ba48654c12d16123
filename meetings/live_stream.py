"""The participants' event streams (server-sent events): `event: change` with the new
version each time the meeting's live version differs from the one the page shows, a
comment now and then to keep proxies from closing the connection, and the end after a
minute (the browser reconnects with Last-Event-ID).

One loop (`_stream_steps`) says what to send and when to wait; two drivers do the waiting:
- `async_event_stream`, under ASGI (uvicorn): waits on this process's hub
  (live_hub.py), holding neither a thread nor a database connection; one LISTEN
  connection per process on PostgreSQL wakes every stream.
- `sync_event_stream`, under WSGI (the test server, a plain runserver): holds a thread,
  and on PostgreSQL a listening connection of its own, while it lasts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import Protocol

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection, connections

from meetings.live_hub import CHANNEL, hub, listener_params
from meetings.models import Meeting

# How long one stream lasts before the browser reconnects (EventSource does it by
# itself, after `retry` milliseconds), how often a comment keeps proxies from closing an
# idle connection, and how often SQLite is polled (no LISTEN/NOTIFY there).
# Settings CODIR_LIVE_STREAM_SECONDS and CODIR_LIVE_KEEPALIVE_SECONDS change the first two
# (the browser tests shorten them so that no stream outlives its test).
STREAM_SECONDS = 60.0
KEEPALIVE_SECONDS = 15.0
SQLITE_POLL_SECONDS = 0.5
RETRY_MILLISECONDS = 1000
# Under ASGI, how often a stream reads the version itself while PostgreSQL's listener is
# away (otherwise never: the hub wakes it).
FALLBACK_POLL_SECONDS = 2.0


# How many streams this process serves now: a figure for monitoring and for the tests
# (which wait for the streams to end); no meeting's state lives in memory.
_streams_lock = threading.Lock()
_streams_open = 0


def open_streams() -> int:
    return _streams_open


def _count_stream(delta: int) -> None:
    global _streams_open
    with _streams_lock:
        _streams_open += delta


def stream_seconds() -> float:
    return float(getattr(settings, "CODIR_LIVE_STREAM_SECONDS", STREAM_SECONDS))


def keepalive_seconds() -> float:
    return float(getattr(settings, "CODIR_LIVE_KEEPALIVE_SECONDS", KEEPALIVE_SECONDS))


class Waiter(Protocol):
    def version(self) -> int | None: ...

    def wait(self, timeout: float) -> None: ...

    def close(self) -> None: ...


class PollingWaiter:
    """SQLite (the single-process demo): read the version every half second."""

    def __init__(self, meeting_id: int, interval: float = SQLITE_POLL_SECONDS) -> None:
        self.meeting_id = meeting_id
        self.interval = interval

    def version(self) -> int | None:
        return (
            Meeting.objects.filter(pk=self.meeting_id)
            .values_list("live_version", flat=True)
            .first()
        )

    def wait(self, timeout: float) -> None:
        time.sleep(max(0.0, min(timeout, self.interval)))

    def close(self) -> None:
        pass


class ListeningWaiter:
    """PostgreSQL under WSGI: LISTEN over a dedicated connection, woken at once by the
    NOTIFY of any process (of any meeting: the version is read again). The same connection
    reads the version, so a stream holds one database connection, closed with the stream
    (its own, outside Django's pool). Under ASGI the streams share one listener per
    process instead (async_event_stream)."""

    def __init__(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.raw = psycopg.connect(
            **{**listener_params(), "application_name": "codir-live-stream"}, autocommit=True
        )
        self.raw.execute(f"LISTEN {CHANNEL}")

    def version(self) -> int | None:
        row = self.raw.execute(
            f"SELECT live_version FROM {Meeting._meta.db_table} WHERE id = %s",
            [self.meeting_id],
        ).fetchone()
        return None if row is None else int(row[0])

    def wait(self, timeout: float) -> None:
        for _notify in self.raw.notifies(timeout=max(0.0, timeout), stop_after=1):
            break

    def close(self) -> None:
        self.raw.close()


def open_waiter(meeting_id: int) -> Waiter:
    if connection.vendor == "postgresql":
        return ListeningWaiter(meeting_id)
    return PollingWaiter(meeting_id)


def change_event(version: int) -> str:
    return f"id: {version}\nevent: change\ndata: {version}\n\n"


@dataclass(frozen=True)
class Wait:
    """What the loop asks its driver: wait at most `timeout` seconds for a change, then
    send back the version (None once the meeting is gone)."""

    timeout: float


def _stream_steps(
    since: int | None,
    *,
    duration: float,
    keepalive: float,
    once: bool,
    clock: Callable[[], float],
) -> Generator[str | Wait, int | None, None]:
    """The one loop of every stream, whatever waits: it yields the text to send, or a
    `Wait` to which the driver answers with the version (the first `Wait`, of no time,
    asks for the version the stream starts from). `event: change` each time the version
    differs from the one the page shows (`since`), a comment every `keepalive` seconds,
    the end after `duration` seconds (the browser reconnects, with Last-Event-ID). With
    `once`, the end after the first change or keep-alive: a bounded answer for scripts and
    tests. The end too when the meeting disappears."""
    version = yield Wait(0.0)
    start = beat = clock()
    while version is not None:
        if version != since:
            since = version
            yield change_event(version)
            if once:
                return
        now = clock()
        if now - start >= duration:
            return
        if now - beat >= keepalive:
            beat = now
            yield ": keep-alive\n\n"
            if once:
                return
        version = yield Wait(min(duration - (now - start), keepalive - (now - beat)))


def sync_event_stream(
    meeting_id: int,
    since: int | None,
    *,
    duration: float = STREAM_SECONDS,
    keepalive: float = KEEPALIVE_SECONDS,
    once: bool = False,
    waiter_factory: Callable[[int], Waiter] = open_waiter,
    clock: Callable[[], float] = time.monotonic,
) -> Generator[str]:
    """The loop driven under WSGI (the test server, a plain runserver): the waiter
    blocks this thread, and on PostgreSQL holds a LISTEN connection of its own."""
    yield f"retry: {RETRY_MILLISECONDS}\n\n"
    waiter = waiter_factory(meeting_id)
    _count_stream(+1)
    steps = _stream_steps(since, duration=duration, keepalive=keepalive, once=once, clock=clock)
    try:
        answer: int | None = None
        while True:
            step = steps.send(answer)
            answer = None
            if isinstance(step, Wait):
                if step.timeout > 0:
                    waiter.wait(step.timeout)
                answer = waiter.version()
            else:
                yield step
    except StopIteration:
        return
    finally:
        try:
            waiter.close()
        finally:
            _count_stream(-1)


def read_version(meeting_id: int) -> int | None:
    """The meeting's live version (None once it is gone)."""
    return Meeting.objects.filter(pk=meeting_id).values_list("live_version", flat=True).first()


def _read_and_close(meeting_id: int) -> int | None:
    """read_version in a worker thread, giving the connection back at once: an idle
    stream holds none."""
    try:
        return read_version(meeting_id)
    finally:
        if not connection.in_atomic_block:
            connection.close()


async def async_event_stream(
    meeting_id: int,
    since: int | None,
    *,
    duration: float = STREAM_SECONDS,
    keepalive: float = KEEPALIVE_SECONDS,
    once: bool = False,
    reader: Callable[[int], int | None] = _read_and_close,
    clock: Callable[[], float] = time.monotonic,
) -> AsyncGenerator[str]:
    """The loop driven under ASGI (uvicorn), waiting on the hub. The version is read from
    the database once the stream is subscribed (nothing committed in between is missed),
    then only when the hub cannot say: the listener away on PostgreSQL, and at each
    keep-alive on SQLite (a write by another process)."""
    postgresql = connections["default"].vendor == "postgresql"
    subscription = hub.subscribe(meeting_id)
    _count_stream(+1)
    read = sync_to_async(reader, thread_sensitive=False)
    steps = _stream_steps(since, duration=duration, keepalive=keepalive, once=once, clock=clock)
    try:
        listener = await hub.listener() if postgresql else None
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        version = answer = await read(meeting_id)
        next(steps)  # the first Wait, answered with the version just read
        while True:
            step = steps.send(answer)
            answer = None
            if not isinstance(step, Wait):
                yield step
                continue
            if version is None:
                return
            timeout = step.timeout
            listening = listener is not None and listener.connected
            if listener is not None and not listening:
                timeout = min(timeout, FALLBACK_POLL_SECONDS)
            woken = await subscription.wait(timeout)
            latest = subscription.latest
            if woken and not subscription.recheck and latest is not None:
                version = max(version, latest)
            elif woken or not listening:
                subscription.recheck = False
                version = await read(meeting_id)
            answer = version
    except StopIteration:
        return
    finally:
        hub.unsubscribe(subscription)
        _count_stream(-1)
