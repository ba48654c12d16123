"""Copy the reference competences and scenarios into every territory (or one, by its
SIREN) that lacks them; what a territory renamed or added is left alone."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from competences.services import reference_load
from territories.models import Territory


class Command(BaseCommand):
    help = "Charge le référentiel des compétences et des parcours dans les territoires."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--siren", help="Le SIREN de l'EPCI d'un seul territoire.")

    def handle(self, *args: Any, **options: Any) -> None:
        territories = Territory.objects.all()
        if options.get("siren"):
            territories = territories.filter(siren=options["siren"])
        for territory in territories:
            added = reference_load(territory=territory)
            self.stdout.write(f"{territory.name} : {added} compétence(s) ajoutée(s).")
