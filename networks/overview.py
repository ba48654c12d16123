"""The map page's content on one day: the records, the figures computed from them and the
drawing, with the text that says the same facts (each network and its people)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

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
    bridges: frozenset[Member]  # a set: the template asks, person by person, "in bridges"


@dataclass
class MapOverview:
    """The figures are computed with the page; the drawing and the text rows only when a
    template reads them (the bridges' page shows neither)."""

    on: date
    records: Records
    bridges: list[Bridge]
    isolated: list[Network]
    unpeopled: list[Network]
    absent: list[tuple[int, str]]
    title: str

    @property
    def people_count(self) -> int:
        return len(self.records.people)

    @property
    def sole_links(self) -> list[Bridge]:
        return [bridge for bridge in self.bridges if bridge.sole_link]

    @cached_property
    def drawing(self) -> Drawing:
        isolated_keys = {n.key for n in self.isolated}
        return draw_map(self.records, self.bridges, isolated_keys, self.title)

    @cached_property
    def rows_by_circle(self) -> list[tuple[int, str, list[NetworkRow]]]:
        return network_rows(self.records, self.bridges, self.isolated)


def network_rows(
    records: Records, bridges: list[Bridge], isolated: list[Network]
) -> list[tuple[int, str, list[NetworkRow]]]:
    """The networks circle by circle, each with its people (by name, with their first
    role in it) and those of them who are bridges."""
    isolated_keys = {n.key for n in isolated}
    bridge_keys = {b.person.key for b in bridges}
    roles: dict[str, list[tuple[Member, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for seat in records.seats:
        if (seat.network, seat.person) not in seen:
            seen.add((seat.network, seat.person))
            roles.setdefault(seat.network, []).append((records.people[seat.person], seat.role))
    rows_by_circle: list[tuple[int, str, list[NetworkRow]]] = []
    for circle in (1, 2, 3):
        rows = [
            NetworkRow(
                network=network,
                people=sorted(roles.get(network.key, []), key=lambda item: item[0].name),
                isolated=network.key in isolated_keys,
                bridges=frozenset(
                    m for m, _role in roles.get(network.key, []) if m.key in bridge_keys
                ),
            )
            for network in records.networks
            if network.circle == circle
        ]
        rows_by_circle.append((circle, str(Body.Circle(circle).label), rows))
    return rows_by_circle


def map_overview(user: Person, territory: Territory, on: date) -> MapOverview:
    records = map_records(user, territory, on)
    title = _("Carte des réseaux de %(territory)s au %(day)s") % {
        "territory": territory.name,
        "day": french_date(on, "j F Y"),
    }
    return MapOverview(
        on=on,
        records=records,
        bridges=bridges(records, build_graph(records)),
        isolated=isolated_networks(records),
        unpeopled=unpeopled_networks(records),
        absent=absent_communes(records),
        title=title,
    )
