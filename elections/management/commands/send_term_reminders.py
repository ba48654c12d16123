"""Remind the holders of elected roles that their term ends: run once a day (cron or a
systemd timer). Each seat is reminded once, 30 days before its end (or at the first run
after that, if a day was missed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from elections.tasks import term_reminders_send


class Command(BaseCommand):
    help = "Rappelle les fins de mandat (animation, secrétariat, délégation) 30 jours avant."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = term_reminders_send()
        self.stdout.write(
            ngettext(
                "%(count)d rappel de fin de mandat envoyé.",
                "%(count)d rappels de fin de mandat envoyés.",
                sent,
            )
            % {"count": sent}
        )
