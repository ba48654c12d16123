#!/usr/bin/env python3
"""The national benchmark (issue 9): `make bench` (scale 1) and `make bench-quick`.

1. The dedicated PostgreSQL database (BENCH_DATABASE_URL, by default
   postgres://postgres@127.0.0.1:5432/codir_bench) is created if missing, migrated, and
   filled by `manage.py generate_dataset --scale S` unless it already holds that scale.
2. Query counts and bytes of each key page, at a small and at the busiest territory, are
   measured in this process through Django's test Client (CaptureQueriesContext).
3. The app runs under uvicorn (2 processes, ASGI as in production, docs/deploy.md; DEBUG
   off, psycopg's connection pool). The issue's "before" was gunicorn 2 workers x 4
   threads: under WSGI each live stream held a thread, so 8 participants stalled it.
   Each page is requested over HTTP by one sequential client,
   interleaved with the floor view (benchmarks/views.py, a view that returns "ok" through
   the whole middleware stack), so that the ratio page/floor says what the page costs
   whatever the machine. Then a mixed load of N threaded clients for a few seconds.
4. The exports of the busiest territory (scripts/bench_exports.py): the streamed CSV;
   the PDF/A of about 500 decisions and the ODT of all, asked for like a user and built
   by a fresh `db_worker` (time to ready, the worker's peak memory); with --big-export
   (the default of `make bench`) the PDF/A of all its decisions; the agenda PDF of the
   largest meeting.
5. `live` (scripts/bench_live.py): the live push at 1, 50 and 500 participants, 20
   meetings of 50 at once, and two app servers behind a round-robin balancer
   (scripts/bench_lb.py) with the facilitator on one of them.

Results: benchmarks/results/latest.json (one object per measure) and latest.md.

    python scripts/bench.py [--quick] [--scale S] [--runs N] [--clients N] [--seconds S]
    python scripts/bench.py pdf | import      (the former demo-scale benchmarks)
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/codir_bench"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SEARCH = "cybersécurité"
DIRECTORY_SEARCH = "martin"
GUIDE_SEARCH = "déchets"
# The server as in production: DEBUG off, the settings' database connections (psycopg's
# pool on PostgreSQL, codir/settings.py).
SERVER_ENV = {
    "CODIR_DEBUG": "0",
    "CODIR_SSL_REDIRECT": "0",
    "CODIR_BENCH_FLOOR": "1",
    "CODIR_AXES_ENABLED": "0",
    "CODIR_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "CODIR_SECRET_KEY": "bench-only-secret-key-" + "b" * 40,
}
WORKERS = 2  # uvicorn processes, one per core


def _environ(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        **SERVER_ENV,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "codir.settings",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return done.stdout


def ensure_database(database_url: str) -> None:
    """Create the dedicated database when it does not exist (PostgreSQL only)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_dataset(env: dict[str, str], scale: float) -> dict[str, Any]:
    """Migrate, then generate the data set unless the database holds this scale already."""
    _manage(env, "migrate", "--no-input", "-v0")
    current = _current_dataset(env)
    if current is not None and current["scale"] == scale:
        print(f"Jeu de données déjà présent à l'échelle {scale} : génération sautée.")
        # A migration may have added columns since: the planner needs fresh statistics.
        _manage(env, "shell", "--no-imports", "-c", _ANALYZE)
        return current
    print(f"Génération du jeu de données à l'échelle {scale}…")
    subprocess.run(
        [sys.executable, "manage.py", "generate_dataset", "--scale", str(scale), "--force"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    dataset = _current_dataset(env)
    assert dataset is not None
    return dataset


def _current_dataset(env: dict[str, str]) -> dict[str, Any] | None:
    output = _manage(env, "shell", "--no-imports", "-c", _DATASET_QUERY)
    found: dict[str, Any] | None = json.loads(output.strip().splitlines()[-1])
    return found


_ANALYZE = "from benchmarks.dataset import refresh_statistics; refresh_statistics()"

_DATASET_QUERY = (
    "import json; from benchmarks.models import Dataset; "
    "d = Dataset.objects.order_by('-pk').first(); "
    "print(json.dumps(d and {'scale': d.scale, 'seconds': d.seconds, 'counts': d.counts, "
    "'landmarks': d.landmarks}))"
)


@dataclass
class Page:
    name: str
    urls: dict[str, str]  # "small" / "big" -> path
    queries: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)
    anonymous: bool = False  # a public page, asked for without a session


@dataclass
class Target:
    """A territory measured, with the session of its administrator."""

    key: str
    territory_id: int
    session: str


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def key_pages(landmarks: dict[str, int]) -> tuple[list[Page], list[Target]]:
    """The key pages of the issue at the small and at the busiest territory, their query
    counts and sizes (test Client, in this process), and a session per territory."""
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bodies.models import Body
    from decisions.models import Decision, Proposal
    from meetings.models import Meeting
    from territories.models import TerritoryMember

    territories = {
        "small": landmarks["small_territory"],
        "big": landmarks["busiest_territory"],
    }
    urls: dict[str, dict[str, str]] = {}
    targets: list[Target] = []
    clients: dict[str, Client] = {}
    for key, territory_id in territories.items():
        admin = (
            TerritoryMember.objects.filter(territory_id=territory_id, role="admin")
            .order_by("pk")
            .first()
        )
        assert admin is not None, "no administrator: was the set made by generate_dataset?"
        client = Client()
        client.force_login(admin.person)
        clients[key] = client
        targets.append(Target(key, territory_id, client.cookies["sessionid"].value))
        codir = Body.objects.get(territory_id=territory_id, kind=Body.Kind.STRATEGIC_CODIR)
        meeting_id: int | None
        if key == "big" and "largest_meeting" in landmarks:
            meeting_id = landmarks["largest_meeting"]
        else:
            meeting_id = (
                Meeting.objects.filter(body__territory_id=territory_id)
                .annotate(n=Count("items"))
                .order_by("-n", "pk")
                .values_list("pk", flat=True)
                .first()
            )
        proposal = (
            Proposal.objects.filter(body=codir)
            .exclude(phase=Proposal.Phase.ADOPTED)
            .order_by("-pk")
            .first()
            or Proposal.objects.filter(body=codir).order_by("-pk").first()
        )
        decision = Decision.objects.filter(body=codir).order_by("-year", "-sequence").first()
        register = reverse("decisions:register", args=[territory_id])
        urls[key] = {
            "accueil": reverse("home:home"),
            "instance": reverse("bodies:detail", args=[codir.pk]),
            "relevé, page 1": register,
            f"relevé, recherche « {SEARCH} »": f"{register}?q={quote(SEARCH)}",
            "annuaire, recherche": reverse("territories:directory", args=[territory_id])
            + f"?q={DIRECTORY_SEARCH}",
            "réunions de l'instance": reverse("meetings:body_meetings", args=[codir.pk]),
            "ordre du jour de la plus grande réunion": reverse(
                "meetings:agenda", args=[meeting_id]
            ),
            "tableau de suivi": reverse("followup:board", args=[codir.pk]),
            "proposition": reverse("decisions:proposal", args=[proposal.pk]),  # type: ignore[union-attr]
            "décision": reverse("decisions:decision", args=[decision.pk]),  # type: ignore[union-attr]
            **app_pages(territory_id, codir),
        }
    pages = [
        Page(name, {key: urls[key][name] for key in urls}, anonymous=name == PUBLIC_GUIDE)
        for name in urls["big"]
    ]
    anonymous = Client()
    for page in pages:
        for key, url in page.urls.items():
            client = anonymous if page.anonymous else clients[key]
            client.get(url)  # warm up templates and caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            page.queries[key] = len(queries)
            page.bytes[key] = len(response.content)
    return pages, targets


PUBLIC_GUIDE = f"guichet public (anonyme), « {GUIDE_SEARCH} »"


def app_pages(territory_id: int, codir: Any) -> dict[str, str]:
    """The pages of the apps of issues 11 and 12 (reflection, parity, networks,
    competences) at a territory and its codir: benchmarks/dataset_apps.py fills them."""
    from django.urls import reverse

    from reflection.models import MirrorSession
    from territories.models import Organisation, Territory

    session = MirrorSession.objects.filter(body=codir).order_by("-held_on", "-pk").first()
    assert session is not None, "no mirror session: was the set made by generate_dataset?"
    commune = (
        Organisation.objects.filter(
            territory_id=territory_id, kind=Organisation.Kind.COMMUNE, ended_on__isnull=True
        )
        .order_by("-population", "pk")
        .first()
    )
    assert commune is not None
    siren = Territory.objects.get(pk=territory_id).siren
    guide = reverse("competences:guide", args=[siren])
    return {
        "miroir de l'instance": reverse("reflection:body", args=[codir.pk]),
        "opération miroir close": reverse("reflection:session", args=[session.pk]),
        "maturité de l'instance": reverse("reflection:maturity", args=[codir.pk]),
        "parité de l'instance": reverse("parity:body", args=[codir.pk]),
        "carte des réseaux": reverse("networks:map", args=[territory_id]),
        "passeurs des réseaux": reverse("networks:bridges", args=[territory_id]),
        "acteurs du territoire": reverse("networks:actor_list", args=[territory_id]),
        "grille des compétences d'une commune": reverse("competences:commune", args=[commune.pk]),
        "ruptures de parcours": reverse("competences:ruptures", args=[territory_id]),
        PUBLIC_GUIDE: f"{guide}?q={quote(GUIDE_SEARCH)}&commune={commune.pk}",
    }


class Server:
    """The app under uvicorn on 127.0.0.1:`port` (docs/deploy.md: ASGI, so that the live
    streams hold neither a thread nor a database connection), started and stopped by the
    benchmark."""

    def __init__(self, env: dict[str, str], port: int = PORT, workers: int = WORKERS) -> None:
        self.env = env
        self.port = port
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "codir.asgi:application",
                f"--workers={self.workers}",
                "--host=127.0.0.1",
                f"--port={self.port}",
                "--lifespan=off",
                "--no-access-log",
                "--log-level=warning",
                "--timeout-keep-alive=60",
                "--backlog=4096",  # hundreds of streams open at once
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _get(_connect(self.port), FLOOR, "")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"uvicorn did not answer on port {self.port} within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


FLOOR = "/mesures/plancher/"


def _connect(port: int = PORT) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=600)


def _get(connection: http.client.HTTPConnection, path: str, session: str) -> tuple[int, int]:
    """(status, bytes) of a GET on a kept-alive connection."""
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    return response.status, len(body)


def _timed(connection: http.client.HTTPConnection, path: str, session: str) -> float:
    start = time.perf_counter()
    status, _size = _get(connection, path, session)
    elapsed = (time.perf_counter() - start) * 1000
    assert status == 200, (path, status)
    return elapsed


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def measure_pages(pages: list[Page], targets: list[Target], runs: int) -> list[dict[str, Any]]:
    """Each page at each territory, `runs` times, each run just after a floor request."""
    connection = _connect()
    sessions = {target.key: target.session for target in targets}
    rows = []
    for page in pages:
        row: dict[str, Any] = {"name": page.name, "section": "pages"}
        for key in ("small", "big"):
            url = page.urls[key]
            session = "" if page.anonymous else sessions[key]
            _timed(connection, url, session)  # warm up this worker's caches
            floor, times = [], []
            for _ in range(runs):
                floor.append(_timed(connection, FLOOR, session))
                times.append(_timed(connection, url, session))
            prefix = "" if key == "big" else "small_"
            median, floor_median = statistics.median(times), statistics.median(floor)
            row |= {
                f"{prefix}median_ms": round(median, 1),
                f"{prefix}p95_ms": round(_p95(times), 1),
                f"{prefix}floor_median_ms": round(floor_median, 2),
                f"{prefix}ratio": round(median / floor_median, 1),
                f"{prefix}bytes": page.bytes[key],
                f"queries_{key}": page.queries[key],
                f"{prefix}url": url,
            }
        rows.append(row)
        print(
            f"  {page.name:<42}{row['median_ms']:>9.1f} ms x{row['ratio']:<6} "
            f"(petit : {row['small_median_ms']:.1f} ms) "
            f"requêtes {row['queries_small']}/{row['queries_big']}",
            flush=True,
        )
    return rows


def mixed_load(
    pages: list[Page], targets: list[Target], clients: int, seconds: float
) -> dict[str, Any]:
    """`clients` threads, each on its own connection, requesting key pages of both
    territories at random for `seconds`: requests/s, latencies, errors."""
    sessions = {target.key: target.session for target in targets}
    choices = [
        (page.urls[key], "" if page.anonymous else sessions[key])
        for page in pages
        for key in ("small", "big")
    ]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        connection = _connect()
        while time.perf_counter() < stop:
            url, session = rng.choice(choices)
            start = time.perf_counter()
            try:
                status, _size = _get(connection, url, session)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{url}: {error}")
                connection = _connect()
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{url}: HTTP {status}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "name": f"charge mixte, {clients} clients",
        "section": "load",
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(_p95(latencies), 1) if latencies else None,
        "errors": len(errors),
        "error_samples": errors[:5],
    }


def measure_live(context: dict[str, Any]) -> list[dict[str, Any]]:
    """Section `live` (scripts/bench_live.py): from the facilitator's POST to each
    participant's event, on the benchmark's server at 1, 50 and 500 participants and 20
    meetings of 50 at once; then two app servers behind one address (scripts/bench_lb.py):
    the participants through the balancer, spread over both, the facilitator on one."""
    from scripts import bench_live

    base = f"http://127.0.0.1:{context['port']}"
    rows = []
    for participants in (1, 50, 500):
        print(f"  direct : {participants} participant(s)…", flush=True)
        result = bench_live.bench_live(base, participants)
        target = ("p50", 40.0) if participants == 1 else ("p95", 100.0)
        rows.append(_live_row(f"direct, {participants} participant(s)", result, target))
    meetings, each = LIVE_MEETINGS
    print(f"  direct : {meetings} réunions de {each} participants à la fois…", flush=True)
    result = bench_live.bench_live_many(base, meetings, each)
    name = f"direct, {meetings} réunions de {each} à la fois"
    rows.append(_live_row(name, result, ("p95", 150.0)))
    rows.append(measure_cross(context["env"], context["port"], context["cross_participants"]))
    return rows


LIVE_MEETINGS = (20, 50)


def _live_row(name: str, result: dict[str, Any], target: tuple[str, float]) -> dict[str, Any]:
    """A bench_live result as a row of latest.json; the page columns stay empty. `target`:
    the issue's goal (percentile, ms), met only with zero missed events too."""
    metric, goal = target
    measured = result[f"{metric}_ms"]
    row = {
        "name": name,
        "section": "live",
        "median_ms": result["p50_ms"],
        "p95_ms": result["p95_ms"],
        "max_ms": result["max_ms"],
        "missed": result["missed"],
        "events": result["events"],
        "participants": result["participants"],
        "post_median_ms": result["post_median_ms"],
        "post_p95_ms": result["post_p95_ms"],
        "client_errors": result["client_errors"],
        "floor_median_ms": None,
        "ratio": None,
        "queries_small": None,
        "queries_big": None,
        "target": f"{metric} <= {goal:g} ms, 0 missed",
        "target_met": measured is not None and measured <= goal and result["missed"] == 0,
    }
    row |= {key: result[key] for key in ("meetings", "backends") if key in result}
    print(f"    {row}", flush=True)
    return row


def measure_cross(env: dict[str, str], port: int, participants: int) -> dict[str, Any]:
    """A second uvicorn on the same database and a round-robin balancer in front of both:
    the participants connect through the balancer (every other one lands on the second
    server), the facilitator posts to the first; the event reaches the second server's
    processes by PostgreSQL's NOTIFY."""
    from scripts import bench_live

    second, balancer = port + 1, port + 2
    with (
        Server(env, port=second),
        Balancer(balancer, [port, second]),
    ):
        print(f"  deux serveurs derrière un répartiteur : {participants} participants…", flush=True)
        result = bench_live.bench_live(
            f"http://127.0.0.1:{balancer}",
            participants,
            post_url=f"http://127.0.0.1:{port}",
        )
    result["backends"] = 2
    name = f"deux serveurs, {participants} participants par le répartiteur"
    return _live_row(name, result, ("p95", 100.0))


class Balancer:
    """scripts/bench_lb.py in a process of its own (out of the clients' GIL)."""

    def __init__(self, port: int, backends: list[int]) -> None:
        self.command = [sys.executable, str(ROOT / "scripts" / "bench_lb.py"), f"--port={port}"]
        self.command += [f"--backend=127.0.0.1:{backend}" for backend in backends]
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Balancer:
        self.process = subprocess.Popen(self.command, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if _get(_connect(self.port), FLOOR, "")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the balancer did not answer within 30 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


def write_results(
    dataset: dict[str, Any], args: argparse.Namespace, rows: list[dict[str, Any]]
) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {
        "scale": dataset["scale"],
        "generation_seconds": dataset["seconds"],
        "counts": dataset["counts"],
        "server": (f"uvicorn {WORKERS} processus (ASGI), DEBUG off, pool de connexions psycopg"),
        "runs": args.runs,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (RESULTS / "latest.json").write_text(
        json.dumps({"meta": meta, "measures": rows}, ensure_ascii=False, indent=2) + "\n"
    )
    (RESULTS / "latest.md").write_text(markdown(meta, rows))


def markdown(meta: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    lines = [
        f"# Mesures ({meta['measured_at']})",
        "",
        f"Échelle {meta['scale']} (générée en {meta['generation_seconds']} s) ; "
        f"{meta['server']} ; {meta['runs']} requêtes par page, chacune après le plancher.",
        "",
        "| page | petit territoire | ratio au plancher | territoire le plus chargé | p95 "
        "| ratio au plancher "
        "| requêtes (petit / chargé) | octets (chargé) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if row["section"] == "pages":
            lines.append(
                f"| {row['name']} | {row['small_median_ms']} ms | {row['small_ratio']} "
                f"| {row['median_ms']} ms | {row['p95_ms']} ms | {row['ratio']} "
                f"| {row['queries_small']} / {row['queries_big']} | {row['bytes']:,} |"
            )
    floor = [r["floor_median_ms"] for r in rows if r["section"] == "pages"]
    if floor:
        lines += ["", f"Plancher (médiane des médianes) : {statistics.median(floor)} ms."]
    lines += _live_table([r for r in rows if r["section"] == "live"])
    for section, title in (("load", "Charge mixte"), ("exports", "Exports")):
        chosen = [r for r in rows if r["section"] == section]
        lines += ["", f"## {title}", ""]
        if not chosen:
            lines.append("(pas encore mesuré)")
        for row in chosen:
            fields = ", ".join(f"{k} {v}" for k, v in row.items() if k not in ("name", "section"))
            lines.append(f"- {row['name']} : {fields}")
    return "\n".join(lines) + "\n"


def _live_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["", "## Diffusion en direct (du POST de l'animateur à l'événement reçu)", ""]
    if not rows:
        return [*lines, "(pas encore mesuré)"]
    lines += [
        "| mesure | participants | médiane | p95 | max | manqués | POST médiane / p95 "
        "| objectif | tenu |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['participants']} | {row['median_ms']} ms "
            f"| {row['p95_ms']} ms | {row['max_ms']} ms | {row['missed']} "
            f"| {row['post_median_ms']} / {row['post_p95_ms']} ms | {row['target']} "
            f"| {'oui' if row['target_met'] else 'non'} |"
        )
    return lines


def run_national(args: argparse.Namespace) -> None:
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    env = _environ(database_url)
    ensure_database(database_url)
    dataset = ensure_dataset(env, args.scale)
    _manage(env, "collectstatic", "--no-input", "-v0")
    _setup_django(env)
    print("Requêtes SQL et tailles (client de test)…", flush=True)
    pages, targets = key_pages(dataset["landmarks"])
    rows: list[dict[str, Any]] = []
    with Server(env):
        print(f"Pages sous uvicorn, {args.runs} requêtes chacune, entrelacées avec le plancher :")
        rows += measure_pages(pages, targets, args.runs)
        print(f"Charge mixte : {args.clients} clients pendant {args.seconds} s…", flush=True)
        rows.append(mixed_load(pages, targets, args.clients, args.seconds))
        print(rows[-1])
        print("Diffusion en direct (du POST de l'animateur à l'événement reçu) :", flush=True)
        rows += measure_live(
            {"port": PORT, "env": env, "cross_participants": 50 if args.quick else 500}
        )
    from scripts.bench_exports import measure_exports

    big = next(target for target in targets if target.key == "big")
    print("Exports du territoire le plus chargé (CSV en flux, PDF et ODT par la file)…")
    rows += measure_exports(env, big.territory_id, full=args.big_export)
    write_results(dataset, args, rows)
    print(f"Résultats : {RESULTS / 'latest.json'} et latest.md")


def run_pdf() -> None:
    _setup_django({"DATABASE_URL": "sqlite://:memory:"})
    from django.core.management import call_command

    from minutes.bench import bench_pdf_20_items

    call_command("migrate", verbosity=0)
    print("\nCompte-rendu PDF/A d'une réunion de 20 points :")
    for key, value in bench_pdf_20_items().items():
        print(f"  {key} : {value}")


def run_import() -> None:
    from scripts.bench_import import bench_import_all

    print("\nImport complet des 1 255 EPCI (base neuve) :")
    for key, value in bench_import_all().items():
        print(f"  {key} : {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", default="national")
    parser.add_argument("territory", nargs="?", type=int)
    parser.add_argument("--quick", action="store_true", help="échelle 0.02, moins de requêtes")
    parser.add_argument("--scale", type=float)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--big-export", action="store_true")
    args = parser.parse_args()
    if args.part in ("pdf", "import"):
        {"pdf": run_pdf, "import": run_import}[args.part]()
        return
    args.scale = args.scale or (0.02 if args.quick else 1.0)
    args.runs = args.runs or (15 if args.quick else 30)
    args.clients = args.clients or (20 if args.quick else 50)
    args.seconds = args.seconds or (10 if args.quick else 30)
    args.big_export = args.big_export or not args.quick
    run_national(args)


if __name__ == "__main__":
    main()
