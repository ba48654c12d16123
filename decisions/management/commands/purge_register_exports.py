"""Delete the prepared register exports that have expired (CODIR_EXPORT_KEEP_HOURS), and
their files in the storage. Run it every hour (cron or a systemd timer), or enqueue
`decisions.register.export_jobs.purge_register_exports`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from decisions.register.export_jobs import purge_expired_exports


class Command(BaseCommand):
    help = "Supprime les exports du relevé de décisions qui ont expiré, et leurs fichiers."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_expired_exports()
        self.stdout.write(f"{deleted} export(s) supprimé(s).")
