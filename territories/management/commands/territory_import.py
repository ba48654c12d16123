"""manage.py territory_import <SIREN> | --all: create or refresh territories from the
official data."""

from __future__ import annotations

import re
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from territories import officialdata
from territories.importer import (
    ImportConflictError,
    UnknownEpciError,
    import_all,
    territory_import,
)
from territories.management.output import epci_line

SIREN_LENGTH = 9


class Command(BaseCommand):
    help = _(
        "Crée ou met à jour un territoire à partir des données officielles, "
        "par le SIREN de son EPCI (ou tous les EPCI avec --all)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("siren", nargs="?", help=_("SIREN de l'EPCI, 9 chiffres"))
        parser.add_argument(
            "--all", action="store_true", dest="import_all", help=_("importer tous les EPCI")
        )
        parser.add_argument(
            "--every",
            type=int,
            default=100,
            help=_("avec --all, afficher l'avancement tous les N EPCI (100 par défaut)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        siren: str | None = options["siren"]
        if options["import_all"]:
            if siren:
                raise CommandError(_("Donnez soit un SIREN, soit --all, mais pas les deux."))
            self._import_all(max(1, options["every"]))
        elif not siren:
            raise CommandError(
                _("Indiquez le SIREN de l'EPCI à importer (9 chiffres), ou --all pour tous.")
            )
        else:
            self._import_one(siren)

    def _import_one(self, argument: str) -> None:
        siren = re.sub(r"[\s.]", "", argument)
        if not re.fullmatch(rf"\d{{{SIREN_LENGTH}}}", siren):
            raise CommandError(self._not_a_siren(argument, siren))
        try:
            report = territory_import(siren=siren)
        except UnknownEpciError as error:
            raise CommandError(self._unknown(error)) from error
        except ImportConflictError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for change in report.changes:
            self.stdout.write(f"  - {change}")

    def _import_all(self, every: int) -> None:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if done % every == 0 or done == total:
                self.stdout.write(
                    _("%(done)d/%(total)d EPCI traités (%(seconds).1f s)")
                    % {"done": done, "total": total, "seconds": time.perf_counter() - started}
                )

        try:
            report = import_all(progress=progress)
        except ImportConflictError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _not_a_siren(self, argument: str, compact: str) -> str:
        data = officialdata.official_data()
        if compact.isdigit():
            lines = [
                _(
                    "« %(argument)s » n'est pas un SIREN : un SIREN a 9 chiffres, "
                    "celui-ci en a %(count)d."
                )
                % {"argument": argument, "count": len(compact)}
            ]
            matches = data.search(compact)[:5]
            if matches:
                lines.append(
                    _("EPCI dont le SIREN commence par %(digits)s :") % {"digits": compact}
                )
        else:
            lines = [
                _("« %(argument)s » n'est pas un SIREN : un SIREN a 9 chiffres.")
                % {"argument": argument}
            ]
            matches = data.search(argument)[:5] or data.suggest(argument)
            if matches:
                lines.append(_("EPCI dont le nom ressemble à « %(text)s » :") % {"text": argument})
        lines.extend(epci_line(epci) for epci in matches)
        lines.append(self._search_hint())
        return "\n".join(lines)

    def _unknown(self, error: UnknownEpciError) -> str:
        data = officialdata.official_data()
        lines = [
            _("Aucun EPCI de SIREN %(siren)s dans les données officielles (%(source)s).")
            % {"siren": error.siren, "source": data.label}
        ]
        if error.suggestions:
            lines.append(_("SIREN proches :"))
            lines.extend(epci_line(epci) for epci in error.suggestions)
        lines.append(self._search_hint())
        return "\n".join(lines)

    def _search_hint(self) -> str:
        return _("Pour trouver un EPCI par son nom : python manage.py territory_search <nom>")
