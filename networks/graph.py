"""The figures of the map, computed from the records by pure functions (no database):
who bridges networks and how much (betweenness), the networks that share nobody
("couches parallèles et juxtaposées"), the communes absent from every network of the
second circle.

A "network" is a body (its seats) or an external actor (the people linked to it); the
graph has one node per network and per person, and an edge where a person sits in a
network. It is bipartite: two networks are close when people sit in both.
"""

from __future__ import annotations

import random
from collections import defaultdict, deque
from dataclasses import dataclass, field

import networkx as nx

BODY = "body"
ACTOR = "actor"
# Betweenness costs one breadth-first search per source. Most people sit in one network
# only (leaves of the graph): `betweenness` folds them into their network and searches
# from the others only, exactly. Above EXACT_SOURCES such sources (a territory where
# hundreds of people link networks) it is estimated from SAMPLED_SOURCES of them, seeded
# so that the page shows the same figures at each visit.
EXACT_SOURCES = 300
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
    centrality = betweenness(graph)
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


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Each node's share of the shortest paths between two other nodes: the figures of
    networkx's `betweenness_centrality(graph)` (normalised by (n-1)(n-2)), computed
    faster.

    Brandes' algorithm runs from every node; here a leaf (a node with one neighbour, itself
    linked further: a person of one network, an actor with one person) is no source and no
    node of the search. Its shortest paths are those of its neighbour `h` with one step
    more, so `h` stands for it: as a source, `h` counts once more (same dependencies on
    every other node); as a target, reaching `h` reaches its leaves too; and `h` lies
    between each of its leaves and every other node of their component."""
    adjacency = graph.adj
    nodes = graph.number_of_nodes()
    scores: dict[str, float] = dict.fromkeys(adjacency, 0.0)
    if nodes <= 2:
        return scores
    leaves: dict[str, int] = dict.fromkeys(adjacency, 0)  # kept node → its folded leaves
    folded: set[str] = set()
    for node, neighbours in adjacency.items():
        if len(neighbours) == 1:
            (hub,) = neighbours
            if len(adjacency[hub]) > 1:
                folded.add(node)
                leaves[hub] += 1
    kept = {node: [n for n in adjacency[node] if n not in folded] for node in adjacency}
    sources = [node for node in kept if node not in folded]
    scale = 1.0
    if len(sources) > EXACT_SOURCES:
        scale = len(sources) / SAMPLED_SOURCES
        sources = random.Random(0).sample(sources, SAMPLED_SOURCES)
    for source in sources:
        _accumulate(source, kept, leaves, scores, scale)
    rescale = 1.0 / ((nodes - 1) * (nodes - 2))
    return {node: score * rescale for node, score in scores.items()}


def _accumulate(
    source: str,
    kept: dict[str, list[str]],
    leaves: dict[str, int],
    scores: dict[str, float],
    scale: float,
) -> None:
    """One source of Brandes' algorithm on the graph without its leaves, each kept node
    weighing 1 + its leaves as a target (and the source as many times as a source)."""
    order: list[str] = []
    before: dict[str, list[str]] = {source: []}
    paths: dict[str, int] = {source: 1}
    distance: dict[str, int] = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        order.append(node)
        step = distance[node] + 1
        for other in kept[node]:
            if other not in distance:
                distance[other] = step
                paths[other] = 0
                before[other] = []
                queue.append(other)
            if distance[other] == step:
                paths[other] += paths[node]
                before[other].append(node)
    reached = len(order) + sum(leaves[node] for node in order)  # the source's component
    weight = (1 + leaves[source]) * scale
    dependency = dict.fromkeys(order, 0.0)
    for node in reversed(order):
        if node == source:
            break  # the first of `order`: nothing comes before it
        # Through `node`: the node itself, its leaves and what lies beyond it.
        through = leaves[node] + dependency[node]
        share = (1 + through) / paths[node]
        for previous in before[node]:
            dependency[previous] += paths[previous] * share
        scores[node] += weight * through
    # The source lies between each of its leaves and the rest of the component.
    scores[source] += leaves[source] * (reached - 2) * scale


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
