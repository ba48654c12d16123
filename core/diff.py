"""Word diffs of two texts, for people: what a change removes and adds, word by word."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words, runs of spaces, and each punctuation mark on its own: "fournitures." and
# "fournitures," share the word.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> SafeString:
    """The change from `old` to `new`, word by word: removed words in <del>, added ones
    in <ins>, everything escaped (the texts are the users')."""
    before = TOKENS.findall(old)
    after = TOKENS.findall(new)
    parts: list[str] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return mark_safe("".join(parts))
