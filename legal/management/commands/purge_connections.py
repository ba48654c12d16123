from typing import Any

from django.core.management.base import BaseCommand

from legal.retention import purge_connections


class Command(BaseCommand):
    help = (
        "Supprime les sessions expirées et les traces de connexion plus anciennes que "
        "CODIR_CONNECTION_LOG_DAYS jours (à lancer chaque jour)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        purged = purge_connections()
        self.stdout.write(
            f"Sessions expirées\u00a0: {purged.sessions}\u00a0; "
            f"connexions\u00a0: {purged.logins}\u00a0; "
            f"échecs\u00a0: {purged.failures}\u00a0; tentatives\u00a0: {purged.attempts}."
        )
