"""Remind the members who have not answered an asynchronous proposal whose deadline is
within 48 hours. Run it every hour (cron or a systemd timer); nobody is reminded twice
for the same round."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from decisions.tasks import send_proposal_reminders


class Command(BaseCommand):
    help = "Relance les membres qui n’ont pas répondu à une proposition dont l’échéance approche."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_proposal_reminders()
        self.stdout.write(
            ngettext("%(count)d relance envoyée.", "%(count)d relances envoyées.", sent)
            % {"count": sent}
        )
