"""The public page's search, tolerant of accents, case and plurals."""

from __future__ import annotations

import pytest

from competences import services
from competences.models import Competence
from competences.search import query_words, search, singular
from conftest import World


@pytest.fixture
def competences(world: World) -> list[Competence]:
    services.reference_load(territory=world.territory)
    return list(Competence.objects.filter(territory=world.territory))


def test_words_are_folded_singular_and_without_little_words() -> None:
    assert query_words("Je construis une MAISON") == ["construi", "maison"]
    assert query_words("les Écoles et les travaux") == ["ecole", "travau"]
    assert singular("eaux") == "eau" and singular("bus") == "bus"
    assert query_words("je veux le") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("need", "code"),
    [
        ("je construis une maison", "urbanisme-ads"),
        ("Je construis une maison", "urbanisme-ads"),
        ("PERMIS DE CONSTRUIRE", "urbanisme-ads"),
        ("inscrire mon enfant à l'école", "ecoles"),
        ("inscrire mon enfant a l ecole", "ecoles"),
        ("un encombrant à jeter", "dechets"),
        ("des encombrants à jeter", "dechets"),
        ("les déchets", "dechets"),
        ("déclarer une naissance", "etat-civil"),
        ("carte d'identité", "identite"),
        ("cantines", "periscolaire"),
        ("fuite d'eau", "eau"),
    ],
)
def test_a_need_finds_its_competence(competences: list[Competence], need: str, code: str) -> None:
    found = search(competences, need)
    assert found, need
    assert found[0].code == code, (need, [c.code for c in found])


@pytest.mark.django_db
def test_nothing_for_nothing(competences: list[Competence]) -> None:
    assert search(competences, "") == []
    assert search(competences, "je veux") == []
    assert search(competences, "xylophone") == []
