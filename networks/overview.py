"""The map page's content on one day: the records, the figures computed from them and the
drawing, with the text that says the same facts (each network and its people).

The figures, the drawing and the text rows are kept in Django's cache (issue 9: they were
most of the map's and the passeurs page's time at a big territory), under a digest of
the records themselves, the title and the language: whatever the records hold, read afresh
at each view (the bodies the viewer sees, seats, links, names, roles, communes, functions
on the day), a change of any of it is another key. No signal has to say what changed, and
no viewer gets figures computed from what they may not see. The records' six queries stay:
they are what the key is made of.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.core.cache import cache
from django.utils import translation
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


# An hour: another digest replaces an entry at the first change; this frees the others.
TIMEOUT_SECONDS = 3600


@dataclass(frozen=True)
class Figures:
    bridges: list[Bridge]
    isolated: list[Network]
    unpeopled: list[Network]
    absent: list[tuple[int, str]]


def compute_figures(records: Records) -> Figures:
    return Figures(
        bridges=bridges(records, build_graph(records)),
        isolated=isolated_networks(records),
        unpeopled=unpeopled_networks(records),
        absent=absent_communes(records),
    )


def records_digest(records: Records, title: str) -> str:
    """A key that changes with anything the figures, the drawing and the rows are made
    of. Pickling is exact (the bytes give the records back), so different records never
    share a key; the same records may, at worst, get another one (a miss)."""
    language = translation.get_language() or ""
    content = pickle.dumps((records, title, language), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(content).hexdigest()


@dataclass
class MapOverview:
    """The figures come from the cache or are computed with the page; the drawing and the
    text rows only when a template reads them (the map's template keeps them rendered in
    the cache under `digest`; the bridges' page shows neither)."""

    on: date
    records: Records
    figures: Figures
    title: str
    digest: str

    @property
    def bridges(self) -> list[Bridge]:
        return self.figures.bridges

    @property
    def isolated(self) -> list[Network]:
        return self.figures.isolated

    @property
    def unpeopled(self) -> list[Network]:
        return self.figures.unpeopled

    @property
    def absent(self) -> list[tuple[int, str]]:
        return self.figures.absent

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
    digest = records_digest(records, title)
    key = f"networks-figures:{digest}"
    figures: Figures | None = cache.get(key)
    if figures is None:
        figures = compute_figures(records)
        cache.set(key, figures, TIMEOUT_SECONDS)
    return MapOverview(on=on, records=records, figures=figures, title=title, digest=digest)
