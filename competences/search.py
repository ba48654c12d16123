"""The public page's search: a need typed in French ("je construis une maison") matched
against the competences' names and keywords, tolerant of accents, case and plurals.

Words are folded (core.text.fold), a final s or x is dropped, and the little words of a
sentence are ignored. A word of four letters or more matches a keyword word it begins or
that begins it ("construis" → "construire"); shorter words must match exactly ("eau").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from competences.models import Competence
from core.text import fold

# The little words of a sentence, folded and singular ("dois" → "doi").
STOP_WORDS = frozenset(
    {
        "je",
        "j",
        "tu",
        "il",
        "elle",
        "on",
        "nous",
        "vous",
        "ils",
        "un",
        "une",
        "le",
        "la",
        "les",
        "l",
        "de",
        "des",
        "du",
        "d",
        "a",
        "au",
        "aux",
        "en",
        "et",
        "ou",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "son",
        "sa",
        "ses",
        "notre",
        "votre",
        "leur",
        "qui",
        "que",
        "qu",
        "quoi",
        "comment",
        "faire",
        "fait",
        "veux",
        "voudrai",
        "voudrais",
        "doi",
        "dois",
        "besoin",
        "sui",
        "suis",
        "est",
        "ai",
        "ce",
        "cet",
        "cette",
        "mais",
        "me",
        "m",
        "se",
        "s",
        "y",
        "c",
        "ne",
        "pa",
        "pas",
    }
)
_WORD = re.compile(r"[a-z0-9]+")
PREFIX_MIN = 4


def singular(word: str) -> str:
    """The word without a plural mark: "écoles" → "ecole", "travaux" → "travau"."""
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [singular(word) for word in _WORD.findall(fold(text))]


def query_words(text: str) -> list[str]:
    """The words of a need that carry meaning, folded and singular."""
    raw = _WORD.findall(fold(text))
    return [singular(w) for w in raw if w not in STOP_WORDS and singular(w) not in STOP_WORDS]


def _match(term: str, word: str) -> int:
    """2 for the same word, 1 for a word that begins the other (four letters or more)."""
    if term == word:
        return 2
    if len(term) < PREFIX_MIN or len(word) < PREFIX_MIN:
        return 0
    return 1 if word.startswith(term) or term.startswith(word) else 0


def score(terms: Sequence[str], competence: Competence) -> int:
    """Each term counts for its best match among the competence's keywords and name, and
    one more when it is in the name: "permis" answers the permit before the "permis de
    conduire" of France services."""
    vocabulary = set(words(competence.keywords.replace(",", " ")))
    name = set(words(competence.name))
    total = 0
    for term in terms:
        best = max((_match(term, word) for word in vocabulary | name), default=0)
        in_name = any(_match(term, word) for word in name)
        total += best + (1 if best and in_name else 0)
    return total


def search(competences: Sequence[Competence], query: str, limit: int = 3) -> list[Competence]:
    """The competences that answer the query best (the highest score, ties in the list's
    order); none for an empty query or one of little words only."""
    terms = query_words(query)
    if not terms:
        return []
    scored = [(score(terms, competence), competence) for competence in competences]
    top = max((points for points, _competence in scored), default=0)
    if top == 0:
        return []
    return [competence for points, competence in scored if points == top][:limit]
