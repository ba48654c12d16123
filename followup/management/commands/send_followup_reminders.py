"""Remind owners of what they follow: run once a day (cron or a systemd timer), before
`send_daily_digest`... or after: nobody is reminded twice the same day either way.

The owners of open actions and communes' rows overdue or due within three days receive
one mail; those who chose the daily digest read the same list in their digest.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from followup.tasks import reminders_send


class Command(BaseCommand):
    help = "Rappelle aux responsables les actions en retard ou à échéance dans les trois jours."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = reminders_send()
        self.stdout.write(
            ngettext("%(count)d rappel envoyé.", "%(count)d rappels envoyés.", queued)
            % {"count": queued}
        )
