from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.loader import demo_load


class Command(BaseCommand):
    help = "Charge le territoire de démonstration (CC du Pays des Achards) et ses personnes."

    def handle(self, *args: Any, **options: Any) -> None:
        territory = demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Territoire de démonstration prêt : {territory.name} "
                f"({territory.organisations.count()} organisations)."
            )
        )
