"""French typography in templates, as in a town hall's letters.

Loaded as a builtin library (settings.TEMPLATES "builtins"), so every template has it
without `{% load %}`; two of its filters replace Django's of the same name, so that the
rule holds on every page without each template having to remember it:

- `date`: the first day of a month is "1er" ("1er janvier 2027", "lundi 1er décembre")
  when the language is French; other days and other languages as Django writes them;
- `filesizeformat`: "12 Ko", "3,4 Mo" in French (Django writes "Kio", "Mio"), "octets".

And, for names after "de" or "à" (the rules live in core/french.py, for Python code too):

- `de_name`: "de Martinet", "du Girouard", "des Achards", "de La Chapelle-Hermier",
  "d'Amandine", "d'Hélène"; in English "of …";
- `a_name`: "à Martinet", "au Girouard", "aux Achards", "à La Chapelle-Hermier".

And for people's roles and functions (core/french.py too):

- `agreed`: `{{ membership.get_role_display|agreed:membership.person }}` reads
  "animatrice" for a person who asked to be named in the feminine, "animateur·rice"
  where nobody in particular is meant or the person did not say;
- `mid_sentence`: "au titre de {{ capacity|mid_sentence }}" lowers "Conseillère", not "DGS".
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template import defaultfilters
from django.utils.formats import number_format
from django.utils.translation import ngettext

from core import french

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    """Django's `date`, with "1er" for the first day of a month in French."""
    arg = str(arg) if arg is not None else None  # a lazy translation: _("j F Y")
    if arg:
        arg = french.first_of_month_format(value, arg)
    return defaultfilters.date(value, arg)


@register.filter(is_safe=True)
def filesizeformat(value: Any) -> str:
    """A file's size the French way: octets, Ko, Mo, Go (units of 1,024)."""
    if not french.is_french():
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


@register.filter
def de_name(value: Any) -> str:
    """The name after "de": "du Girouard", "d’Amandine" (core.french.de_name)."""
    return french.de_name(value)


@register.filter
def a_name(value: Any) -> str:
    """The name after "à": "au Girouard", "aux Achards" (core.french.a_name)."""
    return french.a_name(value)


# is_safe: the filters change letters only (never add &, < or >), so text already
# escaped (a `blocktranslate asvar`) stays escaped once, not twice.
@register.filter(is_safe=True)
def agreed(value: Any, person: Any) -> str:
    """The role or function agreed with how `person` asked to be named."""
    return french.agree(value, person)


@register.filter(is_safe=True)
def mid_sentence(value: Any) -> str:
    """A free-text function inside a sentence: its first letter lowered (not an acronym)."""
    return french.mid_sentence(value)
