"""Live push benchmark: N participants' event streams against a running server on the
loopback, the facilitator's "point suivant" through the normal POST, and for each client
the time from the POST to the change event received.

    python scripts/bench_live.py --base-url http://127.0.0.1:8000 --participants 1 50 500
    python scripts/bench_live.py --base-url http://127.0.0.1:8000 --meetings 20 --participants 50

`bench_live(base_url, participants)` returns {"participants", "rounds", "p50_ms",
"p95_ms", "max_ms", "missed", "post_median_ms", ...}; `bench_live_many(base_url,
meetings, participants)` the same over N meetings moved at once. Each prepares its
meeting through the ORM (same settings and DATABASE_URL as the server): a body, a
facilitator, one member whose session every participant shares, a meeting in progress.
Against a server with DEBUG off send X-Forwarded-Proto (the script does) and set
CODIR_SSL_REDIRECT=0 on the server.

Bounded: every wait has a deadline, the clients stop by themselves, loopback only.
Clients are asyncio tasks in one event loop (no extra dependency): a thousand
threads, as before, spent the measuring machine's cores on the GIL and on polling,
and the delays measured the client as much as the server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROUND_DEADLINE_SECONDS = 15.0
CONNECT_DEADLINE_SECONDS = 60.0
PAUSE_SECONDS = 0.3  # between two moves


@dataclass
class Setup:
    meeting_id: int
    member_cookie: str
    facilitator_cookie: str
    version: int


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codir.settings")
    import django

    django.setup()


def prepare(items: int = 40) -> Setup:
    """A meeting in progress with `items` items, and a session for the facilitator and
    one for a member (all the participants' streams share it)."""
    _django()
    from django.test import override_settings

    from accounts.tests.factories import PersonFactory

    stamp = time.time_ns()  # the factories' sequences restart in each process
    PersonFactory.reset_sequence(stamp % 10**12)
    # The factories' password is never used (the sessions are made below): a fast hash,
    # or the production PBKDF2 costs seconds per meeting on a loaded machine.
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        return _prepare(stamp, items)


FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


def _prepare(stamp: int, items: int) -> Setup:
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from accounts.tests.factories import PersonFactory
    from bodies.tests.factories import BodyFactory, MembershipFactory
    from meetings import live
    from meetings.models import AgendaItem, Meeting
    from meetings.tests.factories import AgendaItemFactory, MeetingFactory

    body = BodyFactory.create(name=f"Bench live {stamp}", territory__siren=f"9{stamp % 10**8:08d}")
    facilitator = PersonFactory.create(email=f"bench-live-{stamp}-f@example.fr")
    member = PersonFactory.create(email=f"bench-live-{stamp}-m@example.fr")
    for person in (facilitator, member):
        MembershipFactory.create(body=body, person=person)
    meeting = MeetingFactory.create(
        body=body,
        facilitator=facilitator,
        status=Meeting.Status.CONVENED,
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    for position in range(items):
        AgendaItemFactory.create(
            meeting=meeting,
            proposed_by=facilitator,  # not one new person (and password hash) per item
            title=f"Point {position + 1}",
            position=position,
            status=AgendaItem.Status.ACCEPTED,
        )
    live.meeting_start(meeting=meeting)

    def cookie(person: Any) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.save()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    meeting.refresh_from_db()
    return Setup(meeting.pk, cookie(member), cookie(facilitator), meeting.live_version)


class Group:
    """The participants of one meeting: when each of them first saw each version."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.seen: list[dict[int, float]] = [{} for _ in range(size)]
        self.counts: dict[int, int] = {}
        self.complete: dict[int, asyncio.Event] = {}
        self.connected = 0
        self.all_connected = asyncio.Event()
        self.errors = 0

    def saw(self, client: int, version: int) -> None:
        if version in self.seen[client]:
            return
        self.seen[client][version] = time.perf_counter()
        self.counts[version] = self.counts.get(version, 0) + 1
        if self.counts[version] == self.size:
            self.completion(version).set()

    def completion(self, version: int) -> asyncio.Event:
        return self.complete.setdefault(version, asyncio.Event())

    def connect(self) -> None:
        self.connected += 1
        if self.connected >= self.size:
            self.all_connected.set()


async def _exchange(
    host: str, port: int, request: bytes
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, int, list[tuple[str, str]]]:
    """Sends `request`, reads the status line and the headers."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    headers = []
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers.append((name.strip().lower(), value.strip()))
    return reader, writer, status, headers


def _request(method: str, path: str, headers: dict[str, str], body: str = "") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    if method == "POST":
        lines.append(f"Content-Length: {len(body.encode())}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


async def _participant(
    host: str, port: int, path: str, headers: dict[str, str], group: Group, index: int
) -> None:
    """One participant's EventSource: reads the stream, reconnects with Last-Event-ID,
    notes when each version arrived. Cancelled at the end of the run."""
    last = ""
    first = True
    while True:
        sent = dict(headers)
        if last:
            sent["Last-Event-ID"] = last
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer, status, _ = await _exchange(host, port, _request("GET", path, sent))
            if status != 200:
                group.errors += 1
                await asyncio.sleep(0.5)
                continue
            if first:
                first = False
                group.connect()
            event = ""
            # The body is chunked: the chunk-size lines match neither prefix below.
            while line := await reader.readline():
                text = line.decode().rstrip("\r\n")
                if text.startswith("event: "):
                    event = text[7:]
                elif text.startswith("data: ") and event == "change":
                    version = int(text[6:])
                    group.saw(index, version)
                    last = str(version)
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            group.errors += 1
            await asyncio.sleep(0.2)
        finally:
            if writer is not None:
                writer.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _get(
    host: str, port: int, path: str, headers: dict[str, str]
) -> tuple[int, list[tuple[str, str]], str]:
    request = _request("GET", path, {**headers, "Connection": "close"})
    reader, writer, status, response_headers = await _exchange(host, port, request)
    body = (await reader.read()).decode(errors="replace")
    writer.close()
    return status, response_headers, body


async def _csrf(host: str, port: int, path: str, headers: dict[str, str]) -> tuple[str, str]:
    _, response_headers, body = await _get(host, port, path, headers)
    cookies = [value for name, value in response_headers if name == "set-cookie"]
    token = next(
        (c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("csrftoken=")), ""
    )
    if not token:
        marker = 'name="csrfmiddlewaretoken" value="'
        start = body.index(marker) + len(marker)
        token = body[start : body.index('"', start)]
    return token, f"csrftoken={token}"


def _loopback(url: str) -> tuple[str, int]:
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    return host, port


def _start_participants(
    host: str, port: int, setup: Setup, participants: int
) -> tuple[Group, list[asyncio.Task[None]]]:
    base = {"X-Forwarded-Proto": "https", "Host": f"{host}:{port}"}
    events = f"/reunions/{setup.meeting_id}/en-direct/evenements/?v={setup.version}"
    group = Group(participants)
    headers = {**base, "Cookie": setup.member_cookie}
    tasks = [
        asyncio.create_task(_participant(host, port, events, headers, group, index))
        for index in range(participants)
    ]
    return group, tasks


async def _wait_connected(groups: list[Group]) -> None:
    waits = [group.all_connected.wait() for group in groups]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*waits), CONNECT_DEADLINE_SECONDS)
    await asyncio.sleep(0.5)  # the last streams subscribe after their first line


@dataclass
class Moves:
    """What one facilitator measured: each client's delay per round, the POSTs' times,
    the events never received within the round's deadline."""

    latencies: list[float] = field(default_factory=list)
    posts: list[float] = field(default_factory=list)
    missed: int = 0
    error: str = ""


async def facilitate(
    setup: Setup,
    group: Group,
    post_host: str,
    post_port: int,
    rounds: int,
    *,
    delay: float = 0.0,
) -> Moves:
    """The facilitator moves the meeting `rounds` times (plus one unmeasured warm-up) by
    the normal POST, and waits after each move until every client saw it (or the round's
    deadline). `delay`: wait first, so that several meetings do not move in step."""
    await asyncio.sleep(delay)
    page = f"/reunions/{setup.meeting_id}/en-direct/"
    post_base = {"X-Forwarded-Proto": "https", "Host": f"{post_host}:{post_port}"}
    origin = f"https://{post_host}:{post_port}"
    token, csrf_cookie = await _csrf(
        post_host, post_port, page, {**post_base, "Cookie": setup.facilitator_cookie}
    )
    post_headers = {
        **post_base,
        "Cookie": f"{setup.facilitator_cookie}; {csrf_cookie}",
        "X-CSRFToken": token,
        "Origin": origin,
        "Referer": origin + page,
        "Content-Type": "application/x-www-form-urlencoded",
        "Connection": "close",
    }
    moves = Moves()
    version = setup.version
    for index in range(rounds + 1):  # the first move warms up, unmeasured
        move = "suivant" if index % 2 == 0 else "precedent"
        url = f"/reunions/{setup.meeting_id}/en-direct/{move}/"
        started = time.perf_counter()
        reader, writer, status, _ = await _exchange(
            post_host, post_port, _request("POST", url, post_headers)
        )
        await reader.read()
        writer.close()
        if index:
            moves.posts.append((time.perf_counter() - started) * 1000)
        if status not in (200, 302):
            raise RuntimeError(f"the move answered {status}")
        version += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(group.completion(version).wait(), ROUND_DEADLINE_SECONDS)
        for seen in group.seen if index else ():
            if version in seen:
                moves.latencies.append((seen[version] - started) * 1000)
            else:
                moves.missed += 1
        await asyncio.sleep(PAUSE_SECONDS)
    return moves


def _summary(name: str, rounds: int, moves: list[Moves], groups: list[Group]) -> dict[str, Any]:
    latencies = [value for m in moves for value in m.latencies]
    posts = [value for m in moves for value in m.posts]
    return {
        "name": name,
        "rounds": rounds,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(_percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "post_median_ms": round(statistics.median(posts), 1) if posts else None,
        "post_p95_ms": round(_percentile(posts, 0.95), 1) if posts else None,
        "events": len(latencies) + sum(m.missed for m in moves),
        "missed": sum(m.missed for m in moves),
        "client_errors": sum(group.errors for group in groups),
        "facilitator_errors": [m.error for m in moves if m.error],
    }


async def _run_meetings(
    base_url: str, post_url: str | None, setups: list[Setup], participants: int, rounds: int
) -> tuple[list[Moves], list[Group]]:
    """Every meeting's participants connect, then every facilitator moves their meeting,
    all at once (one event loop: the clients cost the measuring machine little)."""
    host, port = _loopback(base_url)
    post_host, post_port = _loopback(post_url or base_url)
    started = [_start_participants(host, port, setup, participants) for setup in setups]
    groups = [group for group, _ in started]
    tasks = [task for _, group_tasks in started for task in group_tasks]
    results = [Moves() for _ in setups]

    async def run(index: int) -> None:
        try:
            results[index] = await facilitate(
                setups[index],
                groups[index],
                post_host,
                post_port,
                rounds,
                delay=index * PAUSE_SECONDS / len(setups),
            )
        except (OSError, ValueError, RuntimeError) as error:
            results[index].error = f"{type(error).__name__}: {error}"
            results[index].missed += rounds * participants

    try:
        await _wait_connected(groups)
        await asyncio.gather(*(run(index) for index in range(len(setups))))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results, groups


def bench_live(
    base_url: str,
    participants: int,
    *,
    rounds: int | None = None,
    setup: Setup | None = None,
    post_url: str | None = None,
) -> dict[str, Any]:
    """`post_url`: the facilitator's server when it is another one than the
    participants' (two app servers on one database: the event crosses by NOTIFY)."""
    _loopback(base_url)
    setup = setup or prepare()
    rounds = rounds or (20 if participants <= 1 else 6 if participants <= 50 else 4)
    moves, groups = asyncio.run(_run_meetings(base_url, post_url, [setup], participants, rounds))
    return {
        **_summary(f"live_push_{participants}", rounds, moves, groups),
        "participants": participants,
    }


def bench_live_many(
    base_url: str,
    meetings: int,
    participants: int,
    *,
    rounds: int = 6,
    post_url: str | None = None,
) -> dict[str, Any]:
    """`meetings` live meetings at once, each with `participants` streams open and its own
    facilitator moving it `rounds` times, every client and facilitator concurrently. The
    facilitators start a little apart, then drift on their own."""
    _loopback(base_url)
    setups = prepare_many(meetings)
    moves, groups = asyncio.run(_run_meetings(base_url, post_url, setups, participants, rounds))
    return {
        **_summary(f"live_push_{meetings}x{participants}", rounds, moves, groups),
        "meetings": meetings,
        "participants": meetings * participants,
    }


def prepare_many(meetings: int) -> list[Setup]:
    """One meeting in progress per facilitator, each in a body of its own."""
    return [prepare() for _ in range(meetings)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--participants", type=int, nargs="+", default=[1, 50, 500])
    parser.add_argument("--post-url", help="the facilitator's server, if another one")
    parser.add_argument(
        "--meetings", type=int, default=1, help="N meetings at once, each of --participants"
    )
    args = parser.parse_args()
    results = []
    if args.meetings > 1:
        for count in args.participants:
            result = bench_live_many(args.base_url, args.meetings, count, post_url=args.post_url)
            print(json.dumps(result), flush=True)
            results.append(result)
        return
    for count in args.participants:
        result = bench_live(args.base_url, count, post_url=args.post_url)
        print(json.dumps(result), flush=True)
        results.append(result)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
