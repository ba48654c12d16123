"""French text folding: the one way the searches of every app compare words.

Folding lowers the case and removes accents and ligatures, so that « Œuvre à l'École »
and « oeuvre a l'ecole » compare equal. It goes character by character so that a search
can map what it found in the folded text back to the original (`fold_with_positions`).
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose but a French reader spells with two letters.
_LIGATURES = {"œ": "oe", "æ": "ae"}


def _fold_char(char: str) -> str:
    lower = char.casefold()  # casefold, not lower: « ß » becomes « ss »
    return _LIGATURES.get(lower) or "".join(
        part for part in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(part)
    )


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: "Œuvre à l'École" → "oeuvre a l'ecole"."""
    return "".join(_fold_char(char) for char in text)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        base = _fold_char(char)
        folded.append(base)
        origins.extend([index] * len(base))
    return "".join(folded), origins


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...),
# +cmd|...); a leading apostrophe makes it plain text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(cell: str) -> str:
    """A CSV cell typed by a user, made safe to open in a spreadsheet."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
