"""manage.py generate_dataset --scale S: the benchmark's national data set
(benchmarks/dataset.py), with a progress bar on stderr."""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from benchmarks.dataset import DatasetError, database_is_empty, generate


def scale_argument(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ArgumentTypeError(
            f"« {text} » n'est pas une échelle : donnez un nombre entre 0 et 1, par exemple 0.02."
        ) from None
    if not 0 < value <= 1:
        raise ArgumentTypeError(
            f"L'échelle {text} est hors limites : elle doit être comprise entre 0 (exclu) et 1."
        )
    return value


class Command(BaseCommand):
    help = (
        "Génère le jeu de données national des mesures de performance (territoires "
        "officiels, personnes, instances, réunions, décisions, actions) par insertions en "
        "masse. --scale 1 : les 1 255 EPCI ; 0.02 : un échantillon pour une mesure rapide."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=scale_argument, required=True)
        parser.add_argument("--seed", type=int, default=9)
        parser.add_argument("--force", action="store_true", help="Vider la base avant de générer.")

    def handle(self, *args: Any, scale: float, seed: int, force: bool, **options: Any) -> None:
        if seed < 0:
            raise CommandError("La graine doit être un entier positif ou nul.")
        if force and not database_is_empty():
            self.stderr.write("Base vidée avant la génération (--force).")
            call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        try:
            dataset = generate(scale=scale, seed=seed, force=force, progress=self._progress)
        except DatasetError as error:
            raise CommandError(str(error)) from None
        sys.stderr.write("\n")
        lines = [f"  {label} : {count}" for label, count in sorted(dataset.counts.items())]
        self.stdout.write(
            f"Jeu de données généré à l'échelle {scale} en "
            f"{time.perf_counter() - started:.1f} s :\n" + "\n".join(lines)
        )

    def _progress(self, step: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{step:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
