"""French as in a town hall's letters (issue 10, "French"): the catalogue and the pages
of the demo, as three people see them, hold none of the slips readers noticed.

- "de Le", "de Les", "à Le", "à Les": "du", "des", "au", "aux" (core's `de_name`, `a_name`);
- "de" before a vowel: "d’Amandine", "d’Aizenay" (the same filters);
- "objection(s)": a proper plural (ngettext);
- "None", "True", raw field names ("ics sequence", "created at") in the history pages;
- "KB", "MB": "Ko", "Mo" (core's `filesizeformat`);
- "1 janvier": "1er janvier" (core's `date`).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from accounts.models import Person
from codir.tests.walk import visible_text, walk
from demo.loader import demo_load
from demo.people import DEMO_DOMAIN

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
SLIPS = re.compile(
    r"\b(?:de|à) (?:Le|Les|le|les) [A-Z]"  # "de Le Girouard"
    r"|\b\w+\(s\)"  # "objection(s)"
    r"|\d ?(?:KB|MB|kB)\b"
    r"|\bNone\b"
)
# In a page, also: a proper name after "de" that starts with a vowel sound, the raw
# names of fields, and the first of a month without "er".
PAGE_SLIPS = re.compile(
    SLIPS.pattern
    + r"|\bde (?:[AEIOUÉÈÊÂÎÔ][a-zéèêëïîôûç]|Y[^aeiou])"  # "de Amandine"
    + r"|\b(?:ics sequence|created at|updated at|live version|search text)\b"
    + rf"|(?<![\d,])1 (?:{MONTHS})\b"
)


def test_catalogue_holds_no_slip() -> None:
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"))
    slips = [
        text
        for entry in po
        for text in (entry.msgid, entry.msgid_plural)
        if text and SLIPS.search(text)
    ]
    assert not slips, "\n".join(slips)


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_pages_read_as_french() -> None:
    demo_load()
    slips: list[str] = []
    pages = 0
    for key in ("claire.morvan", "yannick.le-goff", "nadia.poirier"):
        person = Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")
        for url, html in walk(person, per_kind=2):
            pages += 1
            text = visible_text(html)
            for match in PAGE_SLIPS.finditer(text):
                around = text[max(0, match.start() - 40) : match.end() + 20]
                slips.append(f"{url} : « {around} »")
    assert pages > 150
    assert not slips, "\n".join(sorted(set(slips)))
