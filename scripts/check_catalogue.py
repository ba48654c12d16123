#!/usr/bin/env python3
"""Fail when the English catalogue is incomplete: a French text without its English
translation, a fuzzy entry, a text in the code missing from the catalogue, or a
compiled .mo that is older than its .po; and the French catalogue of plurals
(scripts/french_plurals.py) missing, stale or not compiled.

The interface is written in French (the msgids); locale/en holds the English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from french_plurals import MO as FRENCH_MO
from french_plurals import PO as FRENCH_PO
from french_plurals import catalogue as french_catalogue
from french_plurals import makemessages

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
MAKEMESSAGES = makemessages("en")


def msgids(po: polib.POFile) -> set[str]:
    return {entry.msgid for entry in po}


def translations(catalogue: polib._BaseFile) -> dict[tuple[str, str], str]:
    return {
        (entry.msgctxt or "", entry.msgid): entry.msgstr or str(entry.msgstr_plural)
        for entry in catalogue
        if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
    }


def texts_in_code() -> polib.POFile:
    """Run makemessages on the side and give back the catalogue untouched."""
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "django.po"
        shutil.copy(PO, backup)
        try:
            subprocess.run(MAKEMESSAGES, cwd=ROOT, check=True)
            return polib.pofile(str(PO))
        finally:
            shutil.copy(backup, PO)


def french_plurals_problems(in_code: polib.POFile) -> list[str]:
    """The French catalogue must hold every plural text of the code, with the French
    rule, exactly as scripts/french_plurals.py writes it, and be compiled."""
    if not FRENCH_PO.exists():
        return [f"catalogue français des pluriels absent : {FRENCH_PO}"]
    if FRENCH_PO.read_text(encoding="utf-8") != french_catalogue(in_code):
        return ["catalogue français des pluriels périmé : lancez `make messages`"]
    if not FRENCH_MO.exists() or translations(polib.mofile(str(FRENCH_MO))) != translations(
        polib.pofile(str(FRENCH_PO))
    ):
        return ["le .mo français ne correspond pas au .po : lancez `make messages`"]
    return []


def main() -> int:
    if not PO.exists():
        print(f"Catalogue absent : {PO}. Lancez `make messages`.")
        return 1
    po = polib.pofile(str(PO))
    problems = [f"non traduit : {entry.msgid!r}" for entry in po.untranslated_entries()]
    problems += [f"à revoir (fuzzy) : {entry.msgid!r}" for entry in po.fuzzy_entries()]
    in_code = texts_in_code()
    missing = msgids(in_code) - msgids(po)
    problems += [f"absent du catalogue : {msgid!r}" for msgid in sorted(missing)]
    if not MO.exists() or translations(polib.mofile(str(MO))) != translations(po):
        problems.append("le .mo ne correspond pas au .po : lancez `make messages`")
    problems += french_plurals_problems(in_code)
    if problems:
        print("Catalogues de traduction incomplets (locale/en, locale/fr) :")
        print("\n".join(f"  - {problem}" for problem in problems[:60]))
        if len(problems) > 60:
            print(f"  … et {len(problems) - 60} autres")
        return 1
    print(f"Catalogue anglais complet : {len(po)} textes traduits ; pluriels français à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
