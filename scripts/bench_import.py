#!/usr/bin/env python3
"""Benchmark: import every EPCI of the official data into a fresh database.

`bench_import_all()` runs a child process on a new temporary SQLite database (or on the
empty database `database_url` names): it migrates, then imports the 1,255 EPCI with
`territories.importer.import_all`, and reports the time and the peak memory of the
process (resident set size, so Django and the loaded data are included). DEBUG is off,
as in production: the debug cursor would otherwise record every query.

    python scripts/bench_import.py [DATABASE_URL]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
CHILD_FLAG = "--child"


def bench_import_all(database_url: str | None = None) -> dict[str, Any]:
    """Time and peak memory of a full import into a fresh database, as a dict."""
    with tempfile.TemporaryDirectory(prefix="codir-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": url, "CODIR_DEBUG": "0"}
        completed = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), CHILD_FLAG],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"import benchmark failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _child() -> dict[str, Any]:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codir.settings")
    import django

    django.setup()
    from auditlog.models import LogEntry
    from django.core.management import call_command
    from django.db import connection

    from territories.importer import import_all
    from territories.models import Organisation, Territory
    from territories.officialdata import official_data

    started = time.perf_counter()
    call_command("migrate", verbosity=0, skip_checks=True)
    migrate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    data = official_data()
    load_seconds = time.perf_counter() - started
    rss_before = _peak_rss_mb()
    started = time.perf_counter()
    report = import_all()
    import_seconds = time.perf_counter() - started
    return {
        "benchmark": "import_all",
        "database": connection.vendor,
        "data": data.label,
        "epci": len(report.reports),
        "territories": Territory.objects.count(),
        "organisations": Organisation.objects.count(),
        "audit_entries": LogEntry.objects.count(),
        "migrate_seconds": round(migrate_seconds, 2),
        "load_data_seconds": round(load_seconds, 2),
        "import_seconds": round(import_seconds, 2),
        "peak_rss_mb_before_import": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


if __name__ == "__main__":
    if CHILD_FLAG in sys.argv:
        print(json.dumps(_child()))
    else:
        url = sys.argv[1] if len(sys.argv) > 1 else None
        print(json.dumps(bench_import_all(url), indent=2))
