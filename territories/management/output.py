"""Text shared by the territory commands: one EPCI per line, French number format."""

from __future__ import annotations

from django.utils.translation import gettext as _

from territories.officialdata import OfficialEpci


def thousands(number: int | None) -> str:
    """12 345, as French writes it; a dash when unknown."""
    return "—" if number is None else f"{number:,}".replace(",", " ")


def epci_line(epci: OfficialEpci) -> str:
    return f"  {epci.siren}  {epci.type:<5}  {epci.name}"


def epci_table(epcis: list[OfficialEpci]) -> list[str]:
    """SIREN, type, name, number of communes and population, aligned."""
    width = max([len(epci.name) for epci in epcis] + [len(_("Nom"))])
    siren, kind, name, communes, population = (
        _("SIREN"),
        _("Type"),
        _("Nom"),
        _("Communes"),
        _("Population"),
    )
    header = "  ".join(
        [f"{siren:<9}", f"{kind:<5}", f"{name:<{width}}", f"{communes:>8}", f"{population:>10}"]
    )
    rows = [header]
    for epci in epcis:
        rows.append(
            "  ".join(
                [
                    epci.siren,
                    f"{epci.type:<5}",
                    f"{epci.name:<{width}}",
                    f"{len(epci.member_codes):>8}",
                    f"{thousands(epci.population_municipal):>10}",
                ]
            )
        )
    return rows
