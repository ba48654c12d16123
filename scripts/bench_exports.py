"""The exports of the national benchmark (scripts/bench.py, section `exports`), measured
the way users get them:

- the register's CSV, streamed (StreamingHttpResponse, 500 rows at a time): time to the
  last byte and growth of the peak memory of a child process that reads it through
  Django's test Client (what a web worker holds);
- the register's PDF/A and ODT above CODIR_EXPORT_SYNC_MAX decisions: asked for like a
  user (POST), built by a fresh `db_worker` process; time from the request to « ready »
  (polling the export's page as htmx does), peak resident memory of the worker (VmHWM
  of /proc, and what the task itself recorded), file size;
- the agenda PDF of the largest meeting (minutes/exports.py, in the request: one
  meeting's items), time and memory growth in a child process.

    python scripts/bench_exports.py [TERRITORY_ID]   (DATABASE_URL set: the bench base)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The PDF of about this many decisions (the issue's « 500 decisions » case), and of all.
PDF_SAMPLE = 500
POLL_SECONDS = 0.5


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _vm_hwm_mb(pid: int) -> float | None:
    """The peak resident memory of a live process (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _admin_client(territory_id: int) -> Any:
    from django.test import Client

    from territories.models import TerritoryMember

    admin = (
        TerritoryMember.objects.filter(territory_id=territory_id, role="admin")
        .order_by("pk")
        .first()
    )
    assert admin is not None
    client = Client()
    client.force_login(admin.person)
    return client


def sample_query(territory_id: int, size: int) -> str:
    """A period filter that keeps about `size` of the territory's latest decisions."""
    from decisions.models import Decision

    days = (
        Decision.objects.filter(body__territory_id=territory_id)
        .order_by("-decided_on")
        .values_list("decided_on", flat=True)
    )
    found = list(days[size - 1 : size])
    return f"start={found[0].isoformat()}" if found else ""


def queued_export(env: dict[str, str], territory_id: int, kind: str, query: str) -> dict[str, Any]:
    """One export through the task queue, built by a worker process of its own."""
    from django.urls import reverse

    from decisions.models import RegisterExportJob

    client = _admin_client(territory_id)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
    )
    try:
        time.sleep(3)  # the worker imports Django: its memory before any export
        idle = _vm_hwm_mb(worker.pid)
        start = time.perf_counter()
        url = reverse("decisions:register_export_request", args=[territory_id])
        response = client.post(url, {"kind": kind, "query": query})
        assert response.status_code == 302, response.status_code
        job = RegisterExportJob.objects.latest("pk")
        while True:
            page = client.get(response["Location"], HTTP_HX_REQUEST="true")
            assert page.status_code == 200
            job.refresh_from_db()
            if not job.in_progress:
                break
            time.sleep(POLL_SECONDS)
        elapsed = time.perf_counter() - start
        peak = _vm_hwm_mb(worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    row = {
        "name": f"relevé {kind.upper()} par la file ({job.total} décisions)",
        "section": "exports",
        "status": job.status,
        "decisions": job.total,
        "median_ms": round(elapsed * 1000, 1),
        "task_seconds": job.seconds,
        "bytes": job.size,
        "worker_rss_idle_mb": idle,
        "worker_rss_peak_mb": peak,
        "task_peak_rss_mb": job.peak_rss_mb,
    }
    if job.file:
        job.file.delete(save=False)
    job.delete()
    return row


def child(part: str, territory_id: int) -> dict[str, Any]:
    """In a child process: the streamed CSV, or the largest meeting's agenda PDF."""
    from django.db.models import Count
    from django.urls import reverse

    from meetings.models import Meeting

    client = _admin_client(territory_id)
    if part == "csv":
        url = reverse("decisions:register_csv", args=[territory_id])
        name = "relevé CSV en flux (tout le territoire)"
    else:
        meeting = (
            Meeting.objects.filter(body__territory_id=territory_id)
            .annotate(n=Count("items"))
            .order_by("-n", "pk")
            .first()
        )
        assert meeting is not None
        url = reverse("minutes:agenda_pdf", args=[meeting.pk])
        name = f"ordre du jour PDF, dans la requête ({getattr(meeting, 'n', 0)} points)"
    # Warm up imports and fonts with a one-line PDF, not with the page itself: a second
    # rendering would hide the first one's peak memory.
    from core.pdf import html_to_pdf

    html_to_pdf("<p>ok</p>")
    before = _rss_mb()
    start = time.perf_counter()
    response = client.get(url)
    size = 0
    lines = 0
    if response.streaming:
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += 1
    else:
        size = len(response.content)
    elapsed = time.perf_counter() - start
    row: dict[str, Any] = {
        "name": name,
        "section": "exports",
        "status": response.status_code,
        "median_ms": round(elapsed * 1000, 1),
        "bytes": size,
        "rss_before_mb": before,
        "rss_peak_mb": _rss_mb(),
    }
    if response.streaming:
        row["rows"] = lines - 1  # the header
    return row


def _run_child(env: dict[str, str], part: str, territory_id: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "child", part, str(territory_id)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_exports(env: dict[str, str], territory_id: int, *, full: bool) -> list[dict[str, Any]]:
    """The export rows of the benchmark for one territory (Django set up by the caller).
    `full` adds the PDF/A of every decision of the territory (about a minute)."""
    rows = [_run_child(env, "csv", territory_id), _run_child(env, "agenda", territory_id)]
    print(rows[-2], rows[-1], sep="\n", flush=True)
    cases = [("pdf", sample_query(territory_id, PDF_SAMPLE)), ("odt", "")]
    if full:
        cases.append(("pdf", ""))
    for kind, query in cases:
        rows.append(queued_export(env, territory_id, kind, query))
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codir.settings")
    if sys.argv[1:2] == ["child"]:
        django.setup()
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]))))
        return
    django.setup()
    from benchmarks.models import Dataset

    dataset = Dataset.objects.order_by("-pk").first()
    assert dataset is not None, "no data set: run generate_dataset first"
    territory = int(sys.argv[1]) if len(sys.argv) > 1 else dataset.landmarks["busiest_territory"]
    measure_exports(dict(os.environ), territory, full=True)


if __name__ == "__main__":
    main()
