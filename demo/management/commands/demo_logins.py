from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loader import demo_logins
from demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Affiche les identifiants de démonstration."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Codir démarre sur {settings.SITE_URL}/"))
        self.stdout.write(
            f"Connectez-vous avec l'un de ces comptes (mot de passe : {DEMO_PASSWORD}) :"
        )
        for email, what in demo_logins():
            self.stdout.write(f"  {email:<42} {what}")
        self.stdout.write("Arrêt du serveur : Ctrl+C.")
        self.stdout.write("")
