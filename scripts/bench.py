#!/usr/bin/env python3
"""Benchmarks: run with `make bench`. Figures go into the issue notes, never into tests.

Each benchmark runs in its own process on a fresh temporary SQLite database, so that it
measures the code, not leftovers.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGE_RUNS = 30


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codir.settings")
    os.environ["CODIR_AXES_ENABLED"] = "0"
    import django

    django.setup()


def bench_pages() -> list[tuple[str, float, float, int]]:
    """(page, median ms, p95 ms, queries) for the main pages of the demo territory."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import Person
    from bodies.models import Body
    from decisions.models import Decision, Proposal
    from demo.loader import demo_load
    from demo.people import DEMO_SIREN
    from territories.models import Territory

    call_command("migrate", verbosity=0)
    demo_load()
    territory = Territory.objects.get(siren=DEMO_SIREN)
    admin = Person.objects.get(email__startswith="claire.morvan")
    body = Body.objects.filter(territory=territory).first()
    commune = territory.organisations.get(name="Martinet")
    client = Client()
    client.force_login(admin)
    pages = {
        "accueil": reverse("home:home"),
        "territoire": reverse("territories:detail", args=[territory.pk]),
        "annuaire (recherche)": reverse("territories:directory", args=[territory.pk])
        + "?q=mutualisation",
        "organisation": reverse("territories:organisation_detail", args=[commune.pk]),
        "instance": reverse("bodies:detail", args=[body.pk]),  # type: ignore[union-attr]
        "personne": reverse("people:person_detail", args=[admin.pk]),
    }
    codir = Body.objects.get(territory=territory, kind=Body.Kind.STRATEGIC_CODIR)
    proposal = Proposal.objects.filter(body=codir).exclude(phase="adopted").first()
    decision = Decision.objects.filter(body=codir).order_by("-year", "-sequence").first()
    register = reverse("decisions:register", args=[territory.pk])
    pages |= {
        "cadre de référence": reverse("governance:framework", args=[codir.pk]),
        "propositions": reverse("decisions:body_proposals", args=[codir.pk]),
        "proposition (tour en cours)": reverse("decisions:proposal", args=[proposal.pk]),  # type: ignore[union-attr]
        "relevé": register,
        "relevé (recherche)": register + "?q=formations+agents",
        "décision": reverse("decisions:decision", args=[decision.pk]),  # type: ignore[union-attr]
        "suivi de l'instance": reverse("followup:board", args=[codir.pk]),
        "élections": reverse("elections:body_elections", args=[codir.pk]),
        "relevé en PDF/A": reverse("decisions:register_pdf", args=[territory.pk]),
    }
    rows = []
    for name, url in pages.items():
        client.get(url)  # warm up templates and caches
        timings = []
        for _ in range(PAGE_RUNS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p95 = statistics.quantiles(timings, n=20)[18]
        rows.append((name, statistics.median(timings), p95, len(queries)))
    return rows


def run_pages() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _setup_django(f"sqlite:///{tmp}/bench.sqlite3")
        print(f"\nPages du territoire de démonstration ({PAGE_RUNS} requêtes chacune) :")
        print(f"  {'page':<24}{'médiane':>10}{'p95':>10}{'requêtes SQL':>14}")
        for name, median, p95, queries in bench_pages():
            print(f"  {name:<24}{median:>8.1f}ms{p95:>8.1f}ms{queries:>14}")


def run_import() -> None:
    from scripts.bench_import import bench_import_all

    print("\nImport complet des 1 255 EPCI (base neuve) :")
    result = bench_import_all()
    for key, value in result.items():
        print(f"  {key} : {value}")


def run_pdf() -> None:
    _setup_django("sqlite://:memory:")
    from minutes.bench import bench_pdf_20_items

    print("\nCompte-rendu PDF/A d'une réunion de 20 points :")
    for key, value in bench_pdf_20_items().items():
        print(f"  {key} : {value}")


def main() -> None:
    """Each benchmark in a fresh process: Django is set up once per process."""
    import subprocess

    for part in ("pages", "pdf", "import"):
        subprocess.run([sys.executable, __file__, part], check=True)


if __name__ == "__main__":
    {"pages": run_pages, "pdf": run_pdf, "import": run_import}.get(
        sys.argv[1] if len(sys.argv) > 1 else "", main
    )()
