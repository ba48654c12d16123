"""French typography for Python code: names after "de" or "à", dates with "1er".

The template library core/templatetags/french.py exposes the same rules as filters
(`de_name`, `a_name`, and its `date`, which replaces Django's); mails, messages, form
errors and exports written in Python call these functions so that they read the same.

- `de_name`: "de Martinet", "du Girouard", "des Achards", "de La Chapelle-Hermier",
  "d’Amandine", "d’Hélène"; in English "of …";
- `a_name`: "à Martinet", "au Girouard", "aux Achards", "à La Chapelle-Hermier";
- `french_date`: Django's `date_format`, with "1er" for the first day of a month in
  French ("1er janvier 2027", "lundi 1er décembre");
- `agree`: a role or function named with its inclusive form ("animateur·rice",
  "directeur·rice général·e des services") agreed with how a named person asked to be
  named ("animatrice", "directeur général des services"); unchanged when they did not say;
- `mid_sentence`: a free-text function put inside a sentence ("au titre de conseillère
  technique"), its first letter lowered unless the first word is an acronym ("DGS").
"""

from __future__ import annotations

import re
from datetime import date as date_type
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import get_language, gettext

# An unescaped "j" (day of the month) followed by a month: "j F", "j E", "j N", "j M", "j b".
_DAY_BEFORE_MONTH = re.compile(r"(?<!\\)j(?= [FENMb])")
# A vowel sound: a vowel, an h (mute unless listed below), a y before a consonant
# ("d’Yves", but "de Yannick").
_VOWEL = re.compile(r"[aeiouàâäéèêëîïôöûüœæh]|y[^aeiouàâäéèêëîïôöûü]", re.IGNORECASE)
# An inclusive form: a word, a middle dot, its feminine ending ("animateur·rice", "élu·e").
_INCLUSIVE = re.compile(r"(\w+)·(\w+)")
# How a person asked to be named (accounts.Person.Agreement): feminine, masculine; any
# other value (the default) keeps the inclusive forms.
FEMININE, MASCULINE = "f", "m"
# Names whose h is aspirated keep "de": "de Hautefort", not "d’Hautefort".
_ASPIRATED_H = ("haut", "hameau", "hamon", "hardy", "havre", "hérisson", "houd", "hugu")


def is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


def first_of_month_format(value: Any, fmt: str) -> str:
    """The format with "1er" in place of the day when `value` is the first of a month,
    the language French and the day written before the month's name."""
    if is_french() and isinstance(value, date_type) and value.day == 1:
        return _DAY_BEFORE_MONTH.sub(r"1\\e\\r", fmt)
    return fmt


def french_date(value: date_type | datetime | None, fmt: str = "DATE_FORMAT") -> str:
    """`date_format` with "1er" for the first day of a month in French; an aware
    datetime is shown in the current time zone, as templates do."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    # A lazy translation (_("j F Y")) becomes text, a name ("DATE_FORMAT") its pattern.
    pattern = str(get_format(str(fmt)))
    return date_format(value, first_of_month_format(value, pattern))


def _article(name: str) -> tuple[str, str]:
    """("le" | "les" | "", rest) for a name starting with the article Le or Les."""
    for article in ("Les ", "Le "):
        if name.startswith(article):
            return article.strip().lower(), name[len(article) :]
    return "", name


def de_name(value: Any) -> str:
    """The name after "de", contracted or elided: "du Girouard", "des Achards",
    "d’Amandine", "de La Chapelle-Hermier" (La and L’ do not contract)."""
    name = str(value or "").strip()
    if not name:
        return ""
    if not is_french():
        return gettext("de %(name)s") % {"name": name}
    article, rest = _article(name)
    if article == "le":
        return f"du {rest}"
    if article == "les":
        return f"des {rest}"
    if _VOWEL.match(name) and not name.lower().startswith(_ASPIRATED_H):
        return f"d’{name}"
    return f"de {name}"


def a_name(value: Any) -> str:
    """The name after "à": "au Girouard", "aux Achards", "à Martinet"."""
    name = str(value or "").strip()
    if not name:
        return ""
    if not is_french():
        return gettext("à %(name)s") % {"name": name}
    article, rest = _article(name)
    if article == "le":
        return f"au {rest}"
    if article == "les":
        return f"aux {rest}"
    return f"à {name}"


def _feminine(base: str, ending: str) -> str:
    """ "animateur" + "rice" → "animatrice", "délégué" + "e" → "déléguée",
    "actif" + "ve" → "active", "vendeur" + "euse" → "vendeuse"."""
    if ending in ("rice", "rices") and base.endswith("teur"):
        return base[:-3] + ending
    if ending in ("euse", "euses") and base.endswith("eur"):
        return base[:-3] + ending
    if ending in ("ve", "ves") and base.endswith("f"):
        return base[:-1] + ending
    return base + ending


def agree(label: Any, agreement: Any) -> str:
    """The label with its inclusive forms agreed as the person asked: "f" feminine, "m"
    masculine; anything else (nobody in particular, or a person who did not say) keeps
    "animateur·rice". `agreement` may be the person themself (their `agreement`)."""
    text = str(label or "")
    choice = getattr(agreement, "agreement", agreement)
    if choice == FEMININE:
        return _INCLUSIVE.sub(lambda m: _feminine(m.group(1), m.group(2)), text)
    if choice == MASCULINE:
        # A plural ending ("auteur·rices") leaves the masculine plural "auteurs".
        return _INCLUSIVE.sub(
            lambda m: m.group(1) + ("s" if m.group(2).endswith("s") else ""), text
        )
    return text


def mid_sentence(value: Any) -> str:
    """A free-text function put inside a French sentence: "Conseillère technique" →
    "conseillère technique". A first word with another capital (an acronym: "DGS",
    "DGA", "CCAS"; a name: "McKenzie") or a single letter keeps its capital; in other
    languages the text is left as typed."""
    text = str(value or "")
    if not text or not is_french():
        return text
    first_word = text.split(maxsplit=1)[0]
    letters = [c for c in first_word if c.isalpha()]
    if len(letters) < 2 or any(c.isupper() for c in letters[1:]):
        return text
    return text[0].lower() + text[1:]
