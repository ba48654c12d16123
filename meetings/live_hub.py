"""How a change of a live meeting reaches the participants' streams.

Each write of the live meeting (meetings/live.py) calls `notify_change`, which
- sends `NOTIFY codir_live, '<meeting> <version>'` in the write's transaction on
  PostgreSQL: PostgreSQL delivers it at commit, never after a rollback, to every process
  that listens, so several app servers each get every event;
- publishes the new version to this process's hub after the commit
  (transaction.on_commit): the process that made the write learns it without a round
  trip, and the SQLite demo (one process, no NOTIFY) works the same way.

Under ASGI the streams (meetings/live_stream.py) wait on the hub: an asyncio event each,
no thread and no database connection. On PostgreSQL one task per server process (per
event loop), started by the first stream, holds the only LISTEN connection and feeds the
hub; while it is down, the streams fall back to reading the version now and then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import Any

import psycopg
from django.db import connection, connections, transaction

logger = logging.getLogger(__name__)

CHANNEL = "codir_live"
LISTENER_NAME = "codir-live-listener"  # application_name, seen in pg_stat_activity
RECONNECT_SECONDS = 2.0
READY_SECONDS = 5.0


def notify_change(meeting_id: int, version: int) -> None:
    """Called inside the write's transaction, once the new version is saved."""
    meeting_id, version = int(meeting_id), int(version)
    transaction.on_commit(lambda: hub.publish(meeting_id, version))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{meeting_id} {version}"])


class Subscription:
    """One stream's mailbox: the highest version announced since it last looked, and an
    event that wakes it. Lives in one event loop; `wake` runs in that loop."""

    def __init__(self, meeting_id: int, loop: asyncio.AbstractEventLoop) -> None:
        self.meeting_id = meeting_id
        self.loop = loop
        self.latest: int | None = None
        self.recheck = False  # the listener reconnected: events may have been missed
        self.event = asyncio.Event()

    def wake(self, version: int | None) -> None:
        if version is None:
            self.recheck = True
        elif self.latest is None or version > self.latest:
            self.latest = version
        self.event.set()

    async def wait(self, timeout: float) -> bool:
        """Wait at most `timeout` seconds; True if something was announced."""
        if not self.event.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.event.wait(), max(0.0, timeout))
        woken = self.event.is_set()
        self.event.clear()
        return woken


class Listener:
    """The one LISTEN connection of an event loop (psycopg's AsyncConnection), feeding the
    hub; it reconnects by itself after an error."""

    def __init__(self, owner: Hub) -> None:
        self.owner = owner
        self.connected = False
        self.ready = asyncio.Event()
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        first = True
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    **listener_params(), autocommit=True
                ) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.connected = True
                    self.ready.set()
                    if not first:
                        self.owner.wake_all()
                    first = False
                    async for notify in conn.notifies():
                        self.owner.dispatch(notify.payload)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("Live listener lost its connection", exc_info=True)
            finally:
                self.connected = False
            self.ready.set()
            await asyncio.sleep(RECONNECT_SECONDS)

    async def stop(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


def listener_params() -> dict[str, Any]:
    """The connection settings of the default database (the test database in tests),
    without Django's own options (cursor factory, adapters)."""
    params = connections["default"].get_connection_params()
    kept = {
        key: value
        for key, value in params.items()
        if isinstance(value, str | int) and key not in ("prepare_threshold", "pool")
    }
    kept["application_name"] = LISTENER_NAME
    return kept


class Hub:
    """The streams of this process, by meeting. `publish` may be called from any thread
    (the writes run in worker threads); each stream is woken in its own event loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: dict[int, set[Subscription]] = {}
        self._listeners: dict[asyncio.AbstractEventLoop, Listener] = {}

    def subscribe(self, meeting_id: int) -> Subscription:
        subscription = Subscription(int(meeting_id), asyncio.get_running_loop())
        with self._lock:
            self._subscriptions.setdefault(subscription.meeting_id, set()).add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            streams = self._subscriptions.get(subscription.meeting_id)
            if streams is not None:
                streams.discard(subscription)
                if not streams:
                    del self._subscriptions[subscription.meeting_id]

    def count(self, meeting_id: int | None = None) -> int:
        with self._lock:
            if meeting_id is not None:
                return len(self._subscriptions.get(meeting_id, ()))
            return sum(len(streams) for streams in self._subscriptions.values())

    def publish(self, meeting_id: int, version: int | None) -> None:
        with self._lock:
            streams = list(self._subscriptions.get(meeting_id, ()))
        self._wake(streams, version)

    def wake_all(self) -> None:
        """Every stream reads the version again (the listener was away)."""
        with self._lock:
            streams = [s for group in self._subscriptions.values() for s in group]
        self._wake(streams, None)

    def dispatch(self, payload: str) -> None:
        """A NOTIFY payload: '<meeting> <version>'."""
        try:
            meeting_id, version = (int(part) for part in payload.split())
        except ValueError:
            logger.warning("Live listener ignored the payload %r", payload)
            return
        self.publish(meeting_id, version)

    def _wake(self, streams: list[Subscription], version: int | None) -> None:
        try:
            here: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        for subscription in streams:
            if subscription.loop is here:
                subscription.wake(version)
            else:
                # The loop may have closed since (a test's): nothing left to wake there.
                with contextlib.suppress(RuntimeError):
                    subscription.loop.call_soon_threadsafe(subscription.wake, version)

    async def listener(self) -> Listener:
        """The LISTEN task of the running event loop, started by the first stream; waits
        (a few seconds at most) until it listens, so that no NOTIFY is missed."""
        loop = asyncio.get_running_loop()
        with self._lock:
            for old in [old for old in self._listeners if old.is_closed()]:
                del self._listeners[old]
            current = self._listeners.get(loop)
            if current is None or current.task.done():
                current = self._listeners[loop] = Listener(self)
        if not current.ready.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(current.ready.wait(), READY_SECONDS)
        return current

    async def stop_listener(self) -> None:
        """Close the running loop's LISTEN connection (tests; a server's end)."""
        with self._lock:
            current = self._listeners.pop(asyncio.get_running_loop(), None)
        if current is not None:
            await current.stop()


hub = Hub()
