"""Live push benchmark: N participants' event streams against a running server on the
loopback, the facilitator's "point suivant" through the normal POST, and for each client
the time from the POST to the change event received.

    python scripts/bench_live.py --base-url http://127.0.0.1:8000 --participants 1 50 500

`bench_live(base_url, participants)` returns {"participants", "rounds", "p50_ms",
"p95_ms", "max_ms", "missed", "post_ms"}. It prepares its meeting through the ORM (same
settings and DATABASE_URL as the server): a body, a facilitator, one member per
participant sharing a session, a meeting in progress. Against a server with DEBUG off
send X-Forwarded-Proto (the script does) and set CODIR_SSL_REDIRECT=0 on the server.

Bounded: every wait has a deadline, the clients stop by themselves, loopback only.
Clients are threads with http.client (no extra dependency).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
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

    stamp = time.time_ns()  # the factories' sequences restart in each process
    PersonFactory.reset_sequence(stamp % 10**12)
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


@dataclass
class Client:
    """One participant: reads the stream, notes when each version arrived."""

    host: str
    port: int
    path: str
    headers: dict[str, str]
    stop: threading.Event
    connected: threading.Event = field(default_factory=threading.Event)
    seen: dict[int, float] = field(default_factory=dict)
    errors: int = 0

    def run(self) -> None:
        last = ""
        deadline = time.monotonic() + 600  # never outlives a run
        while not self.stop.is_set() and time.monotonic() < deadline:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                headers = dict(self.headers)
                if last:
                    headers["Last-Event-ID"] = last
                conn.request("GET", self.path, headers=headers)
                response = conn.getresponse()
                if response.status != 200:
                    self.errors += 1
                    time.sleep(0.5)
                    continue
                self.connected.set()
                event = ""
                while not self.stop.is_set():
                    line = response.fp.readline()
                    if not line:
                        break
                    text = line.decode().rstrip("\n")
                    if text.startswith("event: "):
                        event = text[7:]
                    elif text.startswith("data: ") and event == "change":
                        version = int(text[6:])
                        self.seen.setdefault(version, time.perf_counter())
                        last = str(version)
            except (OSError, http.client.HTTPException):
                self.errors += 1
                time.sleep(0.2)
            finally:
                conn.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _csrf(host: str, port: int, path: str, headers: dict[str, str]) -> tuple[str, str]:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    finally:
        conn.close()
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
    host, port = _loopback(base_url)
    post_host, post_port = _loopback(post_url or base_url)
    setup = setup or prepare()
    rounds = rounds or (20 if participants <= 1 else 6 if participants <= 50 else 4)
    base = {"X-Forwarded-Proto": "https", "Host": f"{host}:{port}"}
    stop = threading.Event()
    events = f"/reunions/{setup.meeting_id}/en-direct/evenements/?v={setup.version}"
    clients = [
        Client(host, port, events, {**base, "Cookie": setup.member_cookie}, stop)
        for _ in range(participants)
    ]
    threads = [threading.Thread(target=c.run, daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + CONNECT_DEADLINE_SECONDS
    for client in clients:
        client.connected.wait(max(0.0, deadline - time.monotonic()))
    time.sleep(0.5)  # the last streams subscribe after their first line
    page = f"/reunions/{setup.meeting_id}/en-direct/"
    post_base = {"X-Forwarded-Proto": "https", "Host": f"{post_host}:{post_port}"}
    origin = f"https://{post_host}:{post_port}"
    token, csrf_cookie = _csrf(
        post_host, post_port, page, {**post_base, "Cookie": setup.facilitator_cookie}
    )
    post_headers = {
        **post_base,
        "Cookie": f"{setup.facilitator_cookie}; {csrf_cookie}",
        "X-CSRFToken": token,
        "Origin": origin,
        "Referer": origin + page,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    latencies: list[float] = []
    posts: list[float] = []
    missed = 0
    version = setup.version
    try:
        for index in range(rounds + 1):  # the first move warms up, unmeasured
            move = "suivant" if index % 2 == 0 else "precedent"
            conn = http.client.HTTPConnection(post_host, post_port, timeout=30)
            started = time.perf_counter()
            url = f"/reunions/{setup.meeting_id}/en-direct/{move}/"
            conn.request("POST", url, "", post_headers)
            response = conn.getresponse()
            response.read()
            if index:
                posts.append((time.perf_counter() - started) * 1000)
            conn.close()
            if response.status not in (200, 302):
                raise RuntimeError(f"the move answered {response.status}")
            version += 1
            until = time.monotonic() + ROUND_DEADLINE_SECONDS
            while time.monotonic() < until and not all(version in c.seen for c in clients):
                time.sleep(0.005)
            for client in clients if index else ():
                if version in client.seen:
                    latencies.append((client.seen[version] - started) * 1000)
                else:
                    missed += 1
            time.sleep(PAUSE_SECONDS)
    finally:
        stop.set()
    return {
        "name": f"live_push_{participants}",
        "participants": participants,
        "rounds": rounds,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(_percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "post_median_ms": round(statistics.median(posts), 1) if posts else None,
        "missed": missed,
        "client_errors": sum(c.errors for c in clients),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--participants", type=int, nargs="+", default=[1, 50, 500])
    parser.add_argument("--post-url", help="the facilitator's server, if another one")
    args = parser.parse_args()
    results = []
    for count in args.participants:
        result = bench_live(args.base_url, count, post_url=args.post_url)
        print(json.dumps(result), flush=True)
        results.append(result)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
