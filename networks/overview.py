"""The map page's content on one day: the records, the figures computed from them and the
drawing, with the text that says the same facts (each network and its people)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from core.french import french_date
from networks.drawing import Drawing, draw_map
from networks.graph import (
    Bridge,
    Member,
    Network,
    Records,
    absent_communes,
    bridges,
    build_graph,
    isolated_networks,
    unpeopled_networks,
)
from networks.selectors import map_records
from territories.models import Territory


@dataclass(frozen=True)
class NetworkRow:
    """One network as the text alternative lists it."""

    network: Network
    people: list[tuple[Member, str]]  # (person, role)
    isolated: bool
    bridges: list[Member]


@dataclass(frozen=True)
class MapOverview:
    on: date
    records: Records
    rows_by_circle: list[tuple[int, str, list[NetworkRow]]]
    bridges: list[Bridge]
    isolated: list[Network]
    unpeopled: list[Network]
    absent: list[tuple[int, str]]
    drawing: Drawing

    @property
    def people_count(self) -> int:
        return len(self.records.people)

    @property
    def sole_links(self) -> list[Bridge]:
        return [bridge for bridge in self.bridges if bridge.sole_link]


def map_overview(user: Person, territory: Territory, on: date) -> MapOverview:
    records = map_records(user, territory, on)
    graph = build_graph(records)
    found = bridges(records, graph)
    isolated = isolated_networks(records)
    isolated_keys = {n.key for n in isolated}
    bridge_keys = {b.person.key for b in found}
    roles: dict[str, list[tuple[Member, str]]] = {}
    for seat in records.seats:
        people = roles.setdefault(seat.network, [])
        if all(member.key != seat.person for member, _role in people):
            people.append((records.people[seat.person], seat.role))
    rows_by_circle: list[tuple[int, str, list[NetworkRow]]] = []
    for circle in (1, 2, 3):
        rows = [
            NetworkRow(
                network=network,
                people=sorted(roles.get(network.key, []), key=lambda item: item[0].name),
                isolated=network.key in isolated_keys,
                bridges=[m for m, _role in roles.get(network.key, []) if m.key in bridge_keys],
            )
            for network in records.networks
            if network.circle == circle
        ]
        rows_by_circle.append((circle, str(Body.Circle(circle).label), rows))
    title = _("Carte des réseaux de %(territory)s au %(day)s") % {
        "territory": territory.name,
        "day": french_date(on, "j F Y"),
    }
    return MapOverview(
        on=on,
        records=records,
        rows_by_circle=rows_by_circle,
        bridges=found,
        isolated=isolated,
        unpeopled=unpeopled_networks(records),
        absent=absent_communes(records),
        drawing=draw_map(records, found, isolated_keys, title),
    )
