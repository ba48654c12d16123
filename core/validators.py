"""The one cleaning of the text people type, shared by every app.

- A single-line field (a title, a name, a place) refuses control characters: a line feed
  in a proposal title ends up in a mail subject, where it is a header injection that
  Django refuses (`BadHeaderError`) and the whole batch of mails fails.
- Every text, single-line or not, refuses the NUL character: PostgreSQL cannot store it.
- Bidirectional controls (the right-to-left override and its kin) are removed from
  single-line fields: they reverse the text that follows them in the PDFs.

`core.forms.Form` applies these to every character field of every form; services that
read text without a form call `clean_line` / `clean_text` themselves. `one_line` makes a
mail subject of any text, old data included.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# C0 controls, DEL and C1 controls. Tab, line feed and carriage return are allowed in
# multi-line text only.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Embeddings and overrides (U+202A to U+202E), isolates (U+2066 to U+2069), the marks
# (U+200E, U+200F, and U+061C, the Arabic letter mark).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Every line or paragraph separator Python's splitlines knows, and the other controls.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def strip_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """A single-line value: bidirectional controls removed, any other control refused
    (ValidationError with a French message)."""
    text = strip_bidi_controls(text)
    if _CONTROLS.search(text):
        raise ValidationError(
            _(
                "Ce champ tient sur une ligne : retirez les retours à la ligne, "
                "tabulations et autres caractères de contrôle."
            ),
            code="control_characters",
        )
    return text


def clean_text(text: str) -> str:
    """A multi-line value: line breaks and tabs are kept; NUL and the other control
    characters are refused (ValidationError with a French message)."""
    if _TEXT_CONTROLS.search(text):
        raise ValidationError(
            _(
                "Le texte contient un caractère invisible non autorisé (caractère nul ou "
                "de contrôle) : retirez-le, par exemple en le retapant."
            ),
            code="control_characters",
        )
    return text


def one_line(text: str) -> str:
    """A mail subject (or any header) from any text, stored data included: line breaks
    and controls become single spaces, bidirectional controls go."""
    return " ".join(_BREAKS.sub(" ", strip_bidi_controls(text)).split())
