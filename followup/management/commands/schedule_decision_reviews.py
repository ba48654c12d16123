"""Put on the agenda the decisions whose review date has arrived: run once a day.

Each goes to its body's next meeting not yet convened; without one, the next day's run
tries again. A decision is never put on an agenda twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from followup.reviews import reviews_schedule


class Command(BaseCommand):
    help = "Inscrit à l'ordre du jour la revue des décisions dont la date de revue est arrivée."

    def handle(self, *args: Any, **options: Any) -> None:
        items = reviews_schedule()
        for item in items:
            self.stdout.write(f"{item.title} → {item.meeting}")
        self.stdout.write(
            ngettext(
                "%(count)d revue inscrite à l'ordre du jour.",
                "%(count)d revues inscrites à l'ordre du jour.",
                len(items),
            )
            % {"count": len(items)}
        )
