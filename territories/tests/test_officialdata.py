"""The official data extract: what it holds, and how EPCI are found in it."""

from __future__ import annotations

from collections import Counter

from territories.officialdata import (
    OfficialData,
    OfficialEpci,
    extract_path,
    normalise,
    official_data,
)

ACHARDS = "248500530"
MAUGES = "200060010"

# The CC du Pays des Achards in the 2026 vintage: INSEE code, name, population municipale.
ACHARDS_COMMUNES = [
    ("85152", "Les Achards", 5518),
    ("85161", "Nieul-le-Dolent", 2571),
    ("85211", "Sainte-Flaive-des-Loups", 2585),
    ("85016", "Beaulieu-sous-la-Roche", 2421),
    ("85236", "Saint-Julien-des-Landes", 2085),
    ("85218", "Saint-Georges-de-Pointindoux", 1870),
    ("85138", "Martinet", 1229),
    ("85099", "Le Girouard", 1156),
    ("85054", "La Chapelle-Hermier", 1098),
]


def names(epcis: list[OfficialEpci]) -> list[str]:
    return [epci.name for epci in epcis]


def test_extract_holds_every_epci_commune_and_delegated_commune() -> None:
    data = official_data()
    assert data.version == "6.0.0"
    assert data.source == "@etalab/decoupage-administratif"
    assert len(data.epcis) == 1255
    assert len(data.communes) == 34969
    assert len(data.delegated) == 2105
    assert Counter(epci.type for epci in data.epcis.values()) == {
        "CC": 989,
        "CA": 230,
        "METRO": 21,
        "CU": 14,
        "MET69": 1,
    }


def test_every_member_commune_is_a_current_commune() -> None:
    data = official_data()
    members = [code for epci in data.epcis.values() for code in epci.member_codes]
    assert len(members) == len(set(members)) == 34871
    assert all(code in data.communes for code in members)


def test_achards_epci_and_its_nine_communes() -> None:
    data = official_data()
    epci = data.epci(ACHARDS)
    assert epci is not None
    assert (epci.name, epci.type) == ("CC du Pays des Achards", "CC")
    assert (epci.population_total, epci.population_municipal) == (20494, 20174)
    members = data.members(epci)
    assert [(c.code, c.name, c.population) for c in members] == ACHARDS_COMMUNES
    les_achards = members[0]
    assert (les_achards.siren, les_achards.departement, les_achards.region) == (
        "200065795",
        "85",
        "52",
    )


def test_delegated_communes_name_their_commune_nouvelle() -> None:
    data = official_data()
    beaupreau = data.delegated["49023"]
    assert beaupreau.name == "Beaupréau"
    assert data.communes[beaupreau.parent_code].name == "Beaupréau-en-Mauges"
    assert beaupreau.shares_parent_code
    andreze = data.delegated["49006"]
    assert andreze.parent_code == "49023"
    assert not andreze.shares_parent_code
    assert {d.code for d in data.delegated_of("49023")} >= {"49006", "49023"}
    shared = [d for d in data.delegated.values() if d.shares_parent_code]
    assert len(shared) == 584


def test_data_is_loaded_once_per_process() -> None:
    assert official_data() is official_data()


def test_lookup_by_unknown_siren_gives_none() -> None:
    assert official_data().epci("999999999") is None


def test_normalise_drops_accents_case_and_punctuation() -> None:
    assert normalise("CA Mauges Communauté") == "ca mauges communaute"
    assert normalise("  L'Île-d'Yeu ") == "l ile d yeu"


def test_search_ignores_accents_and_case() -> None:
    data = official_data()
    assert names(data.search("achards")) == ["CC du Pays des Achards"]
    assert names(data.search("mauges")) == ["CA Mauges Communauté"]
    assert names(data.search("MAUGES communaute")) == ["CA Mauges Communauté"]
    assert names(data.search("pays des achards")) == ["CC du Pays des Achards"]


def test_search_by_siren_prefix() -> None:
    data = official_data()
    found = data.search("2485005")
    assert ACHARDS in [epci.siren for epci in found]
    assert all(epci.siren.startswith("2485005") for epci in found)


def test_search_without_match_is_empty() -> None:
    data = official_data()
    assert data.search("xyzzy") == []
    assert data.search("  ") == []


def test_suggest_close_names_for_a_typo() -> None:
    data = official_data()
    assert names(data.suggest("acahrds"))[0] == "CC du Pays des Achards"
    assert "CA Mauges Communauté" in names(data.suggest("Mauge communote"))


def test_suggest_close_sirens_for_a_wrong_digit() -> None:
    suggestions = official_data().suggest("248500531")
    assert suggestions[0].siren == ACHARDS


def test_suggest_nothing_for_nonsense() -> None:
    assert official_data().suggest("qwxzkj") == []


def test_build_indexes_a_small_dataset() -> None:
    real = official_data()
    epci = real.epcis[ACHARDS]
    small = OfficialData.build(
        version="test",
        source="essai",
        epcis=[epci],
        communes=real.members(epci),
        delegated=[],
    )
    assert small.label == "essai test"
    assert names(small.search("achards")) == ["CC du Pays des Achards"]
    assert small.delegated_of("85152") == []


def test_extract_is_small_and_documented() -> None:
    path = extract_path()
    assert path.name == "decoupage-administratif-6.0.0.json.gz"
    assert path.stat().st_size < 1024 * 1024
    provenance = (path.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    for expected in [
        "@etalab/decoupage-administratif",
        "6.0.0",
        "Licence Ouverte",
        "MIT",
        "DINUM",
        "make official-data",
    ]:
        assert expected in provenance
