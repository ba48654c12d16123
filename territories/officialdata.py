"""The official list of EPCI and communes, read from the extract shipped in territories/data.

The extract is built by scripts/build_official_extract.py from the npm package
@etalab/decoupage-administratif (Licence Ouverte 2.0); see territories/data/PROVENANCE.md.
It is loaded once per process by `official_data()`.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
EXTRACT_GLOB = "decoupage-administratif-*.json.gz"

# Words that open most EPCI names and say nothing about which one it is.
_GENERIC_WORDS = frozenset(
    {
        "cc", "ca", "cu", "communaute", "communautes", "de", "du", "des", "d", "la", "le",
        "les", "l", "agglomeration", "urbaine", "metropole", "pays",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class OfficialCommune:
    """A current commune (commune-actuelle)."""

    code: str  # INSEE code
    name: str
    siren: str
    departement: str
    region: str
    population: int | None  # population municipale


@dataclass(frozen=True, slots=True)
class OfficialDelegatedCommune:
    """A commune déléguée; its code may equal its commune nouvelle's (the chef-lieu)."""

    code: str
    name: str
    parent_code: str  # the commune nouvelle (chefLieu)
    departement: str
    region: str

    @property
    def shares_parent_code(self) -> bool:
        return self.code == self.parent_code


@dataclass(frozen=True, slots=True)
class OfficialEpci:
    siren: str
    name: str
    type: str  # CC, CA, CU, METRO or MET69, as Territory.EpciType
    population_total: int | None
    population_municipal: int | None
    member_codes: tuple[str, ...]  # INSEE codes, in the order of the source


def normalise(text: str) -> str:
    """Lower case, no accents, one space between words: 'Pays-des-Achards' → 'pays des achards'."""
    return " ".join(re.split(r"[^0-9a-z]+", fold(text))).strip()


def _distinctive_words(name: str) -> list[str]:
    return [word for word in normalise(name).split() if word not in _GENERIC_WORDS]


@dataclass
class OfficialData:
    """The whole extract, indexed for the import and the search."""

    version: str
    source: str
    epcis: dict[str, OfficialEpci]
    communes: dict[str, OfficialCommune]
    delegated: dict[str, OfficialDelegatedCommune]
    _delegated_by_parent: dict[str, list[OfficialDelegatedCommune]] = field(init=False, repr=False)
    _search_keys: list[tuple[str, str, OfficialEpci]] = field(init=False, repr=False)
    # (normalised name, commune, SIREN of its EPCI) for the search by commune name.
    _commune_keys: list[tuple[str, OfficialCommune, str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._delegated_by_parent = {}
        for delegated in self.delegated.values():
            self._delegated_by_parent.setdefault(delegated.parent_code, []).append(delegated)
        self._search_keys = [
            (normalise(epci.name), " ".join(_distinctive_words(epci.name)), epci)
            for epci in sorted(self.epcis.values(), key=lambda e: normalise(e.name))
        ]
        epci_of = {code: epci.siren for epci in self.epcis.values() for code in epci.member_codes}
        self._commune_keys = [
            (normalise(commune.name), commune, epci_of[commune.code])
            for commune in self.communes.values()
            if commune.code in epci_of
        ]

    @classmethod
    def build(
        cls,
        *,
        version: str,
        source: str,
        epcis: Iterable[OfficialEpci],
        communes: Iterable[OfficialCommune],
        delegated: Iterable[OfficialDelegatedCommune],
    ) -> OfficialData:
        return cls(
            version=version,
            source=source,
            epcis={epci.siren: epci for epci in epcis},
            communes={commune.code: commune for commune in communes},
            delegated={item.code: item for item in delegated},
        )

    @property
    def label(self) -> str:
        """How the territory's data_source names this data."""
        return f"{self.source} {self.version}"

    def epci(self, siren: str) -> OfficialEpci | None:
        return self.epcis.get(siren)

    def members(self, epci: OfficialEpci) -> list[OfficialCommune]:
        return [self.communes[code] for code in epci.member_codes]

    def delegated_of(self, commune_code: str) -> list[OfficialDelegatedCommune]:
        return self._delegated_by_parent.get(commune_code, [])

    def search(self, text: str) -> list[OfficialEpci]:
        """EPCI whose name holds every word of `text` (accents and case ignored), or whose
        SIREN starts with `text` when it is made of digits."""
        query = normalise(text)
        if not query:
            return []
        if query.replace(" ", "").isdigit():
            digits = query.replace(" ", "")
            return [epci for _, _, epci in self._search_keys if epci.siren.startswith(digits)]
        words = query.split()
        return [
            epci
            for name, _, epci in self._search_keys
            if all(re.search(rf"\b{re.escape(word)}", name) for word in words)
        ]

    def search_with_communes(self, text: str) -> list[tuple[OfficialEpci, list[str]]]:
        """`search`, then the EPCI one of whose communes is named by every word of `text`
        (accents and case ignored), each with the names of those communes."""
        by_name = self.search(text)
        found: dict[str, list[str]] = {epci.siren: [] for epci in by_name}
        words = normalise(text).split()
        if words and not "".join(words).isdigit():
            patterns = [re.compile(rf"\b{re.escape(word)}") for word in words]
            for name, commune, siren in self._commune_keys:
                if all(pattern.search(name) for pattern in patterns):
                    found.setdefault(siren, []).append(commune.name)
        return [(self.epcis[siren], sorted(names)) for siren, names in found.items()]

    def suggest(self, text: str, limit: int = 5) -> list[OfficialEpci]:
        """EPCI whose name (or SIREN, for digits) is close to `text`, best first."""
        query = normalise(text)
        if not query:
            return []
        if query.replace(" ", "").isdigit():
            digits = query.replace(" ", "")
            close = difflib.get_close_matches(digits, self.epcis.keys(), n=limit * 4, cutoff=0.75)
            # A mistyped digit first, then a swapped or missing one.
            close.sort(key=lambda siren: _differing_digits(digits, siren))
            return [self.epcis[siren] for siren in close[:limit]]
        query_core = " ".join(w for w in query.split() if w not in _GENERIC_WORDS) or query
        scored: list[tuple[float, str, OfficialEpci]] = []
        for name, core, epci in self._search_keys:
            score = max(_similarity(query, name), _similarity(query_core, core or name))
            score = max(score, _word_similarity(query_core.split(), core.split()))
            if score >= 0.75:
                scored.append((score, name, epci))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [epci for _, _, epci in scored[:limit]]


def _similarity(first: str, second: str) -> float:
    matcher = difflib.SequenceMatcher(None, first, second)
    return matcher.ratio() if matcher.real_quick_ratio() >= 0.7 else 0.0


def _differing_digits(first: str, second: str) -> int:
    if len(first) != len(second):
        return len(second)
    return sum(a != b for a, b in zip(first, second, strict=True))


def _word_similarity(query_words: list[str], name_words: list[str]) -> float:
    """Mean, over the query's words, of the best match among the name's words."""
    if not query_words or not name_words:
        return 0.0
    best = [
        max(difflib.SequenceMatcher(None, word, candidate).ratio() for candidate in name_words)
        for word in query_words
    ]
    return sum(best) / len(best)


def extract_path() -> Path:
    """The extract in territories/data (the newest version, should there be several)."""
    candidates = sorted(DATA_DIR.glob(EXTRACT_GLOB))
    if not candidates:
        raise FileNotFoundError(f"No {EXTRACT_GLOB} in {DATA_DIR}: run `make official-data`.")
    return candidates[-1]


def _rows(raw: dict[str, Any], table: str) -> Iterable[dict[str, Any]]:
    columns = raw["fields"][table]
    return (dict(zip(columns, row, strict=True)) for row in raw[table])


def load_extract(path: Path) -> OfficialData:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        raw = json.load(stream)
    return OfficialData.build(
        version=raw["source"]["version"],
        source=raw["source"]["package"],
        epcis=(
            OfficialEpci(
                siren=row["siren"],
                name=row["nom"],
                type=row["type"],
                population_total=row["populationTotale"],
                population_municipal=row["populationMunicipale"],
                member_codes=tuple(row["membres"]),
            )
            for row in _rows(raw, "epci")
        ),
        communes=(
            OfficialCommune(
                code=row["code"],
                name=row["nom"],
                siren=row["siren"],
                departement=row["departement"],
                region=row["region"],
                population=row["population"],
            )
            for row in _rows(raw, "communes")
        ),
        delegated=(
            OfficialDelegatedCommune(
                code=row["code"],
                name=row["nom"],
                parent_code=row["chefLieu"],
                departement=row["departement"],
                region=row["region"],
            )
            for row in _rows(raw, "deleguees")
        ),
    )


@functools.cache
def _cached() -> OfficialData:
    return load_extract(extract_path())


def official_data() -> OfficialData:
    """The official data, read once per process."""
    return _cached()
