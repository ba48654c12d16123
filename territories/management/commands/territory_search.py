"""manage.py territory_search <text>: find an EPCI of the official data by name or SIREN."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from territories import officialdata
from territories.management.output import epci_line, epci_table


class Command(BaseCommand):
    help = _(
        "Cherche un EPCI dans les données officielles par son nom (sans tenir compte des "
        "accents ni des majuscules) ou par le début de son SIREN."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("text", nargs="+", help=_("mots du nom, ou début du SIREN"))
        parser.add_argument(
            "--limit", type=int, default=30, help=_("nombre maximal de réponses (30 par défaut)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = " ".join(options["text"])
        limit = max(1, options["limit"])
        data = officialdata.official_data()
        matches = data.search(text)
        if not matches:
            self.stdout.write(_("Aucun EPCI ne correspond à « %(text)s ».") % {"text": text})
            suggestions = data.suggest(text)
            if suggestions:
                self.stdout.write(_("Noms proches :"))
                for epci in suggestions:
                    self.stdout.write(epci_line(epci))
            return
        self.stdout.write(
            ngettext(
                "%(count)d EPCI correspond à « %(text)s » :",
                "%(count)d EPCI correspondent à « %(text)s » :",
                len(matches),
            )
            % {"count": len(matches), "text": text}
        )
        for line in epci_table(matches[:limit]):
            self.stdout.write(line)
        if len(matches) > limit:
            self.stdout.write(
                _("… et %(count)d autres : précisez la recherche.")
                % {"count": len(matches) - limit}
            )
