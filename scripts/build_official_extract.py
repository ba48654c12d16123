#!/usr/bin/env python3
"""Rebuild the compact extract of the official administrative data shipped with Codir.

The source is the npm package @etalab/decoupage-administratif (data: Licence Ouverte 2.0,
code: MIT), fetched with `npm pack`. The extract keeps what a territory import needs:
every EPCI with its member communes, every current commune and every commune déléguée.
It is minified JSON, gzipped without a timestamp, so that the same package gives the
same bytes. Standard library only: `make official-data` runs it with the system Python.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSION = "6.0.0"
DATA_DIR = Path(__file__).resolve().parent.parent / "territories" / "data"
EXTRACT_PREFIX = "decoupage-administratif-"

# Column order of each table in the extract; territories/officialdata.py reads them by name.
EPCI_FIELDS = ["siren", "nom", "type", "populationTotale", "populationMunicipale", "membres"]
COMMUNE_FIELDS = ["code", "nom", "siren", "departement", "region", "population"]
DELEGATED_FIELDS = ["code", "nom", "chefLieu", "departement", "region"]


def fetch_package(version: str, destination: Path) -> Path:
    """Download the package tarball from the npm registry and unpack its data files."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--silent", "--pack-destination", str(destination)],
        check=True,
        capture_output=True,
    )
    archive = next(destination.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith("package/data/")]
        tar.extractall(destination, members=members, filter="data")
    return destination / "package" / "data"


def build_extract(data_dir: Path, version: str) -> dict[str, Any]:
    epcis = json.loads((data_dir / "epci.json").read_text(encoding="utf-8"))
    communes = json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
    current = [c for c in communes if c["type"] == "commune-actuelle"]
    delegated = [c for c in communes if c["type"] == "commune-deleguee"]
    current_codes = {c["code"] for c in current}
    for epci in epcis:
        missing = [m["code"] for m in epci["membres"] if m["code"] not in current_codes]
        if missing:
            sys.exit(f"EPCI {epci['code']}: member communes {missing} are not current communes")
    return {
        "source": {"package": PACKAGE, "version": version},
        "fields": {"epci": EPCI_FIELDS, "communes": COMMUNE_FIELDS, "deleguees": DELEGATED_FIELDS},
        "epci": [
            [
                e["code"],
                e["nom"],
                e["type"],
                e.get("populationTotale"),
                e.get("populationMunicipale"),
                [m["code"] for m in e["membres"]],
            ]
            for e in sorted(epcis, key=lambda e: e["code"])
        ],
        "communes": [
            [
                c["code"],
                c["nom"],
                c.get("siren", ""),
                c.get("departement", ""),
                c.get("region", ""),
                c.get("population"),
            ]
            for c in sorted(current, key=lambda c: c["code"])
        ],
        "deleguees": [
            [c["code"], c["nom"], c["chefLieu"], c.get("departement", ""), c.get("region", "")]
            for c in sorted(delegated, key=lambda c: c["code"])
        ],
    }


def provenance(version: str, extract: dict[str, Any], size: int, built_on: date) -> str:
    shared = sum(1 for d in extract["deleguees"] if d[0] == d[2])
    return f"""# Provenance des données officielles

Fichier : `{EXTRACT_PREFIX}{version}.json.gz` ({size / 1024:.0f} Kio, JSON compressé par gzip).

## Source

- Paquet npm `{PACKAGE}`, version {version}
  (<https://www.npmjs.com/package/@etalab/decoupage-administratif>,
  dépôt <https://github.com/etalab/decoupage-administratif>).
- Producteur : Etalab, Direction interministérielle du numérique (DINUM), à partir du
  code officiel géographique de l'Insee, des populations légales de l'Insee et de la
  base nationale sur l'intercommunalité (Banatic) de la DGCL.
- Licence des données : Licence Ouverte / Open Licence version 2.0
  (<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>). Réutilisation libre,
  y compris commerciale, sous réserve de mentionner la source : « Etalab,
  découpage administratif, version {version} ».
- Licence du code du paquet : MIT (le code n'est pas repris ici, seules les données le sont).
- Extrait construit le {built_on.isoformat()} par `scripts/build_official_extract.py`.

## Contenu de l'extrait

Seul ce dont l'import d'un territoire a besoin est conservé, sous forme de tableaux
dont l'ordre des colonnes est donné par la clé `fields` :

- `epci` ({len(extract["epci"])} EPCI, de `data/epci.json`) : SIREN, nom, type (CC, CA, CU,
  METRO, MET69), population totale, population municipale et codes INSEE des communes
  membres, dans l'ordre de la source ;
- `communes` ({len(extract["communes"])} communes actuelles, de `data/communes.json`,
  type `commune-actuelle`) : code INSEE, nom, SIREN, département, région, population
  municipale (celle de `data/communes.json`, le millésime le plus récent : la somme des
  communes d'un EPCI peut donc différer un peu de la population de l'EPCI, qui vient de
  la Banatic) ;
- `deleguees` ({len(extract["deleguees"])} communes déléguées, type `commune-deleguee`) :
  code INSEE, nom, code de la commune nouvelle de rattachement (`chefLieu`),
  département, région. {shared} d'entre elles partagent leur code INSEE avec leur commune
  nouvelle (la commune déléguée chef-lieu) : Codir enregistre alors leur code dans le
  champ « code officiel géographique » et laisse leur code INSEE vide, ce code
  appartenant à la commune nouvelle.

Ne sont pas repris : communes associées, arrondissements municipaux, codes postaux,
arrondissements, départements, régions, établissements publics territoriaux, mode de
financement des EPCI.

## Mettre à jour

```
make official-data
```

Le script télécharge le paquet avec `npm pack`, reconstruit l'extrait et ce fichier.
Pour une autre version : `python3 scripts/build_official_extract.py --version X.Y.Z`,
puis relancer l'import des territoires (`manage.py territory_import --all`) : les
communes sont rapprochées par leur code INSEE, rien de local n'est perdu.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", default=DEFAULT_VERSION, help="package version")
    parser.add_argument(
        "--from-dir", type=Path, help="use an unpacked package/data directory instead of npm"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.from_dir or fetch_package(args.version, Path(tmp))
        extract = build_extract(data_dir, args.version)
    payload = json.dumps(extract, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    compressed = gzip.compress(payload, compresslevel=9, mtime=0)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for old in DATA_DIR.glob(f"{EXTRACT_PREFIX}*.json.gz"):
        old.unlink()
    target = DATA_DIR / f"{EXTRACT_PREFIX}{args.version}.json.gz"
    target.write_bytes(compressed)
    (DATA_DIR / "PROVENANCE.md").write_text(
        provenance(args.version, extract, len(compressed), date.today()), encoding="utf-8"
    )
    print(f"{target.relative_to(DATA_DIR.parent.parent)}: {len(compressed)} octets")


if __name__ == "__main__":
    main()
