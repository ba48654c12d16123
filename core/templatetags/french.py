"""French typography in templates, as in a town hall's letters.

Loaded as a builtin library (settings.TEMPLATES "builtins"), so every template has it
without `{% load %}`; two of its filters replace Django's of the same name, so that the
rule holds on every page without each template having to remember it:

- `date`: the first day of a month is "1er" ("1er janvier 2027", "lundi 1er décembre")
  when the language is French; other days and other languages as Django writes them;
- `filesizeformat`: "12 Ko", "3,4 Mo" in French (Django writes "Kio", "Mio"), "octets".

And, for names after "de" or "à":

- `de_name`: "de Martinet", "du Girouard", "des Achards", "de La Chapelle-Hermier",
  "d'Amandine", "d'Hélène"; in English "of …";
- `a_name`: "à Martinet", "au Girouard", "aux Achards", "à La Chapelle-Hermier".
"""

from __future__ import annotations

import re
from datetime import date as date_type
from typing import Any

from django import template
from django.template import defaultfilters
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()

# An unescaped "j" (day of the month) followed by a month: "j F", "j E", "j N", "j M", "j b".
_DAY_BEFORE_MONTH = re.compile(r"(?<!\\)j(?= [FENMb])")
# A vowel sound: a vowel, an h (mute unless listed below), a y before a consonant
# ("d'Yves", but "de Yannick").
_VOWEL = re.compile(r"[aeiouàâäéèêëîïôöûüœæh]|y[^aeiouàâäéèêëîïôöûü]", re.IGNORECASE)
# Names whose h is aspirated keep "de": "de Hautefort", not "d'Hautefort".
_ASPIRATED_H = ("haut", "hameau", "hamon", "hardy", "havre", "hérisson", "houd", "hugu")


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    """Django's `date`, with "1er" for the first day of a month in French."""
    arg = str(arg) if arg is not None else None  # a lazy translation: _("j F Y")
    if (
        arg
        and _french()
        and isinstance(value, date_type)
        and value.day == 1
        and _DAY_BEFORE_MONTH.search(arg)
    ):
        arg = _DAY_BEFORE_MONTH.sub(r"1\\e\\r", arg)
    return defaultfilters.date(value, arg)


@register.filter(is_safe=True)
def filesizeformat(value: Any) -> str:
    """A file's size the French way: octets, Ko, Mo, Go (units of 1,024)."""
    if not _french():
        return defaultfilters.filesizeformat(value)
    try:
        size = float(value)
    except (TypeError, ValueError):
        return defaultfilters.filesizeformat(value)
    if size < 1024:
        count = int(size)
        return ngettext("%(size)d octet", "%(size)d octets", count) % {"size": count}
    for unit in ("Ko", "Mo", "Go"):
        size /= 1024
        if size < 1024 or unit == "Go":
            break
    rounded = round(size, 1)
    digits = 0 if rounded.is_integer() else 1
    return f"{number_format(rounded, digits)}\u00a0{unit}"


def _article(name: str) -> tuple[str, str]:
    """("le" | "les" | "", rest) for a name starting with the article Le or Les."""
    for article in ("Les ", "Le "):
        if name.startswith(article):
            return article.strip().lower(), name[len(article) :]
    return "", name


@register.filter
def de_name(value: Any) -> str:
    """The name after "de", contracted or elided: "du Girouard", "des Achards",
    "d'Amandine", "de La Chapelle-Hermier" (La and L' do not contract)."""
    name = str(value or "").strip()
    if not name:
        return ""
    if not _french():
        return gettext("de %(name)s") % {"name": name}
    article, rest = _article(name)
    if article == "le":
        return f"du {rest}"
    if article == "les":
        return f"des {rest}"
    if _VOWEL.match(name) and not name.lower().startswith(_ASPIRATED_H):
        return f"d’{name}"
    return f"de {name}"


@register.filter
def a_name(value: Any) -> str:
    """The name after "à": "au Girouard", "aux Achards", "à Martinet"."""
    name = str(value or "").strip()
    if not name:
        return ""
    if not _french():
        return gettext("à %(name)s") % {"name": name}
    article, rest = _article(name)
    if article == "le":
        return f"au {rest}"
    if article == "les":
        return f"aux {rest}"
    return f"à {name}"
