"""The figures of the map, computed from the records by pure functions (no database):
who bridges networks and how much (betweenness), the networks that share nobody
("couches parallèles et juxtaposées"), the communes absent from every network of the
second circle.

A "network" is a body (its seats) or an external actor (the people linked to it); the
graph has one node per network and per person, and an edge where a person sits in a
network. It is bipartite: two networks are close when people sit in both.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

BODY = "body"
ACTOR = "actor"
# Exact betweenness costs nodes times edges: 4 s for the biggest territory (800 nodes). Above
# EXACT_NODES it is estimated from SAMPLED_SOURCES shortest-path sources, seeded so that
# the page shows the same figures at each visit (networkx's `k` and `seed`).
EXACT_NODES = 300
SAMPLED_SOURCES = 64


@dataclass(frozen=True)
class Network:
    key: str  # "b12" for a body, "a3" for an actor: unique among the graph's nodes
    name: str
    circle: int  # 1 the codir, 2 the bloc local, 3 the outside
    source: str  # BODY or ACTOR
    kind_label: str = ""
    url: str = ""


@dataclass(frozen=True)
class Member:
    key: str  # "p5"
    name: str
    url: str = ""

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.replace("-", " ").split()[:2]).upper()


@dataclass(frozen=True)
class Seat:
    network: str  # Network.key
    person: str  # Member.key
    role: str = ""


@dataclass
class Records:
    """What the map is drawn from, on one day: the networks, the people sitting in them,
    the communes and which people hold a function in which commune."""

    networks: list[Network]
    people: dict[str, Member]
    seats: list[Seat]
    communes: dict[int, str] = field(default_factory=dict)  # pk → name
    person_communes: dict[str, set[int]] = field(default_factory=dict)

    def members_of(self) -> dict[str, list[str]]:
        """Network key → the keys of its people, each once, in the order of the seats."""
        found: dict[str, list[str]] = {n.key: [] for n in self.networks}
        for seat in self.seats:
            people = found.setdefault(seat.network, [])
            if seat.person not in people:
                people.append(seat.person)
        return found

    def networks_of(self) -> dict[str, list[str]]:
        """Person key → the keys of the networks they sit in, each once."""
        found: dict[str, list[str]] = defaultdict(list)
        for seat in self.seats:
            if seat.network not in found[seat.person]:
                found[seat.person].append(seat.network)
        return dict(found)


def build_graph(records: Records) -> nx.Graph:
    graph = nx.Graph()
    for network in records.networks:
        graph.add_node(network.key, kind="network", circle=network.circle)
    for key in records.people:
        graph.add_node(key, kind="person")
    known = {n.key for n in records.networks}
    for seat in records.seats:
        if seat.network in known and seat.person in records.people:
            graph.add_edge(seat.network, seat.person)
    return graph


@dataclass(frozen=True)
class Bridge:
    person: Member
    networks: list[Network]
    betweenness: float  # normalised: the share of shortest paths that go through them
    # Without them, some networks would no longer be linked to the others: the bridge the
    # codir cannot lose (an articulation point of the graph).
    sole_link: bool = False


def bridges(records: Records, graph: nx.Graph | None = None) -> list[Bridge]:
    """The people who sit in two networks or more, the most central first; those who are
    the only link between some networks and the others are flagged (`sole_link`).

    Betweenness is networkx's, normalised over the whole graph (networks and people):
    on a path z-A-x-B-y-C, x lies on 6 of the 10 pairs' shortest paths (0,6)."""
    graph = graph if graph is not None else build_graph(records)
    nodes = graph.number_of_nodes()
    centrality: dict[str, float] = {}
    if nodes > EXACT_NODES:
        centrality = nx.betweenness_centrality(graph, k=SAMPLED_SOURCES, seed=0)
    elif nodes > 2:
        centrality = nx.betweenness_centrality(graph)
    by_key = {n.key: n for n in records.networks}
    cut_points = set(nx.articulation_points(graph))
    found = [
        Bridge(
            person=records.people[person],
            networks=[by_key[key] for key in keys if key in by_key],
            betweenness=centrality.get(person, 0.0),
            sole_link=person in cut_points,
        )
        for person, keys in records.networks_of().items()
        if person in records.people and len([k for k in keys if k in by_key]) >= 2
    ]
    return sorted(found, key=lambda b: (-b.betweenness, b.person.name, b.person.key))


def isolated_networks(records: Records) -> list[Network]:
    """The networks whose people (one at least) sit in no other network: layers side by
    side that nobody links. A network with nobody known is not counted here (it has no
    people to share): `unpeopled_networks` lists those."""
    networks_of = records.networks_of()
    members = records.members_of()
    return [
        network
        for network in records.networks
        if members.get(network.key)
        and all(len(networks_of.get(person, [])) == 1 for person in members[network.key])
    ]


def unpeopled_networks(records: Records) -> list[Network]:
    members = records.members_of()
    return [network for network in records.networks if not members.get(network.key)]


def absent_communes(records: Records) -> list[tuple[int, str]]:
    """The communes in which nobody sitting in a network of the second circle holds a
    function: the bloc local's networks do not reach them."""
    members = records.members_of()
    reached: set[int] = set()
    for network in records.networks:
        if network.circle != 2:
            continue
        for person in members.get(network.key, []):
            reached |= records.person_communes.get(person, set())
    return sorted(
        ((pk, name) for pk, name in records.communes.items() if pk not in reached),
        key=lambda item: (item[1], item[0]),
    )
