"""The one French folding of every search (directory, register, official data)."""

from __future__ import annotations

from core.text import fold, fold_with_positions


def test_fold_removes_accents_case_and_ligatures() -> None:
    assert fold("Œuvre à l'École") == "oeuvre a l'ecole"


def test_fold_lowers_like_casefold() -> None:
    assert fold("Décisions") == "decisions"
    assert fold("Straße ÆSOPE") == "strasse aesope"


def test_fold_with_positions_maps_back_to_the_original() -> None:
    text = "Vœu à l'École"
    folded, origins = fold_with_positions(text)
    assert folded == "voeu a l'ecole"
    assert len(origins) == len(folded)
    start = folded.find("ecole")
    end = origins[start + len("ecole") - 1] + 1
    assert text[origins[start] : end] == "École"
    assert text[origins[folded.find("oe")]] == "œ"
