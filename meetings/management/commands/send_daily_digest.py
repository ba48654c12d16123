"""Send the daily digest: run once a day (cron or a systemd timer), e.g. at 7:00.

It tells the people who chose "un récapitulatif par jour" which items were proposed
in the last 24 hours to the open agendas of their bodies, with the parts other apps add
(meetings.digest: the follow-up's reminders). Convocations, their updates
and cancellations are not in it: they always leave at once, with their calendar file.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import ngettext

from meetings.convocation import digest_send


class Command(BaseCommand):
    help = "Envoie le récapitulatif quotidien des points proposés aux ordres du jour."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours", type=int, default=24, help="Période couverte, en heures (24 par défaut)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = timezone.now() - timedelta(hours=options["hours"])
        sent = digest_send(since=since)
        self.stdout.write(
            ngettext("%(count)d récapitulatif envoyé.", "%(count)d récapitulatifs envoyés.", sent)
            % {"count": sent}
        )
