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
from django.utils import translation
from django.utils.translation import gettext, ngettext

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


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("fr", 0, "0 personne vient"),  # French: 0 takes the singular
        ("fr", 1, "1 personne vient"),
        ("fr", 2, "2 personnes viennent"),
        ("en", 0, "0 people are coming"),  # English: 0 takes the plural
        ("en", 1, "1 person is coming"),
    ],
)
def test_plural_rule_of_each_language(language: str, count: int, expected: str) -> None:
    with translation.override(language):
        text = ngettext("%(n)s personne vient", "%(n)s personnes viennent", count)
        assert text % {"n": count} == expected


def test_french_plurals_live_beside_djangos_french_catalogue() -> None:
    """Django's compiled French catalogue has three forms (0 and 1, millions, the rest),
    ours two (n > 1): Django keeps them apart, each with its formula. Its texts still
    translate, its plurals and ours give the singular for 0."""
    # Django's texts go through variables: makemessages must not copy them to ours.
    required, minute, minutes = "This field is required.", "%(num)d minute", "%(num)d minutes"
    with translation.override("fr"):
        assert gettext(required) == "Ce champ est obligatoire."
        assert ngettext(minute, minutes, 0) == "%(num)d minute"
        assert ngettext(minute, minutes, 5) == "%(num)d minutes"
        assert ngettext("%(n)d jour", "%(n)d jours", 0) == "%(n)d jour"


def test_french_plural_catalogue_holds_every_plural_text_unchanged() -> None:
    """scripts/french_plurals.py: each plural text of the English catalogue, in French
    the msgid itself, under the French rule."""
    locale = Path(settings.BASE_DIR) / "locale"
    english = polib.pofile(str(locale / "en/LC_MESSAGES/django.po"))
    french = polib.pofile(str(locale / "fr/LC_MESSAGES/django.po"))
    assert french.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert {(e.msgctxt, e.msgid) for e in french} == {
        (e.msgctxt, e.msgid) for e in english if e.msgid_plural
    }
    for entry in french:
        assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
