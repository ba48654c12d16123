"""The map's figures on a small known data set, checked by hand, and the drawing's limits
on a big one. No database: graph.py and drawing.py are pure functions.

The known set: networks A, B, C (bodies, circles 1, 1, 2), D (an actor, circle 3), E (an
actor nobody is linked to); people x in A and B, y in B and C, z in A, w in D.
The graph (networks and people, an edge per seat) is the path z-A-x-B-y-C, plus the
pair D-w and E alone: 9 nodes. On the path, x lies on the shortest paths between
{z, A} and {B, y, C} (2 * 3 = 6 pairs), y between {z, A, x, B} and {C} (4 pairs);
networkx normalises by (n-1)(n-2)/2 = 8 * 7 / 2 = 28 pairs: x 6/28, y 4/28.
"""

from __future__ import annotations

import math
import random
import re

import networkx as nx
import pytest

from networks.drawing import CENTRE, MAX_DRAWN_PEOPLE, USER_RADIUS, draw_map, network_angles
from networks.graph import (
    ACTOR,
    BODY,
    Member,
    Network,
    Records,
    Seat,
    absent_communes,
    betweenness,
    bridges,
    build_graph,
    isolated_networks,
    unpeopled_networks,
)
from networks.placement import Box, square, text_box


def known() -> Records:
    networks = [
        Network("bA", "A", 1, BODY),
        Network("bB", "B", 1, BODY),
        Network("bC", "C", 2, BODY),
        Network("aD", "D", 3, ACTOR),
        Network("aE", "E", 3, ACTOR),
    ]
    people = {
        k: Member(k, name) for k, name in [("px", "X"), ("py", "Y"), ("pz", "Z"), ("pw", "W")]
    }
    seats = [
        Seat("bA", "px"),
        Seat("bB", "px"),
        Seat("bB", "py"),
        Seat("bC", "py"),
        Seat("bA", "pz"),
        Seat("aD", "pw"),
    ]
    # Communes 1, 2, 3: y (in C, circle 2) holds a function in 1; x (circle 1 only) in 2.
    return Records(
        networks,
        people,
        seats,
        communes={1: "Un", 2: "Deux", 3: "Trois"},
        person_communes={"py": {1}, "px": {2}},
    )


def test_bridges_are_the_people_in_two_networks_with_their_betweenness() -> None:
    found = bridges(known())
    assert [b.person.key for b in found] == ["px", "py"]
    assert found[0].betweenness == pytest.approx(6 / 28)
    assert found[1].betweenness == pytest.approx(4 / 28)
    assert [n.key for n in found[0].networks] == ["bA", "bB"]
    # On the path z-A-x-B-y-C, removing x cuts {z, A} off, removing y cuts C off.
    assert [b.sole_link for b in found] == [True, True]


def test_a_bridge_doubled_by_another_person_is_no_longer_the_sole_link() -> None:
    records = known()
    # v also sits in A and B: A and B stay linked without x; y is still C's only link.
    records.people["pv"] = Member("pv", "V")
    records.seats += [Seat("bA", "pv"), Seat("bB", "pv")]
    sole = {b.person.key: b.sole_link for b in bridges(records)}
    assert sole == {"px": False, "pv": False, "py": True}


def test_a_network_whose_people_sit_nowhere_else_is_isolated() -> None:
    assert [n.key for n in isolated_networks(known())] == ["aD"]
    assert [n.key for n in unpeopled_networks(known())] == ["aE"]


def test_communes_absent_from_the_second_circle() -> None:
    # Only C is in circle 2; its one person (y) holds a function in commune 1.
    assert absent_communes(known()) == [(2, "Deux"), (3, "Trois")]


def test_a_second_seat_in_the_same_network_is_not_a_bridge() -> None:
    records = known()
    records.seats.append(Seat("aD", "pw", "another role"))
    assert "pw" not in {b.person.key for b in bridges(records)}
    assert records.members_of()["aD"] == ["pw"]


def test_outer_networks_face_the_inner_networks_they_share_people_with() -> None:
    records = Records(
        networks=[
            Network("b1", "Codir", 1, BODY),
            Network("b2", "Comité", 1, BODY),
            Network("a1", "Z partenaire du comité", 2, ACTOR),
            Network("a2", "A partenaire du codir", 2, ACTOR),
        ],
        people={"p1": Member("p1", "Une"), "p2": Member("p2", "Deux")},
        seats=[Seat("b1", "p1"), Seat("a2", "p1"), Seat("b2", "p2"), Seat("a1", "p2")],
    )
    angles = network_angles(records)
    assert math.cos(angles["a2"] - angles["b1"]) == pytest.approx(1)
    assert math.cos(angles["a1"] - angles["b2"]) == pytest.approx(1)


def crowded_codir() -> Records:
    """Six networks on the first ring, each with three people of its own, and people who
    sit in two networks facing each other (their centroid is the centre of the map)."""
    nets = [Network(f"b{i}", f"Instance {i}", 1, BODY) for i in range(6)]
    nets += [Network("c0", "Bloc local", 2, BODY), Network("a0", "Préfecture", 3, ACTOR)]
    people: dict[str, Member] = {}
    seats: list[Seat] = []
    for i in range(6):
        for j in range(3):
            key = f"p{i}{j}"
            people[key] = Member(key, f"Personne numéro {i}{j}")
            seats.append(Seat(f"b{i}", key))
    for i in range(3):
        key = f"x{i}"
        people[key] = Member(key, f"Passeuse {i} au long nom")
        seats += [Seat(f"b{i}", key), Seat(f"b{i + 3}", key)]
    return Records(nets, people, seats)


def _boxes(svg: str, css: str, size: float) -> list[tuple[str, Box]]:
    pattern = rf'<text class="{css}" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<'
    return [
        (text, text_box(float(x), float(y), text, size)) for x, y, text in re.findall(pattern, svg)
    ]


@pytest.mark.parametrize("records", [known(), crowded_codir()], ids=["known", "crowded"])
def test_ring_names_and_people_leave_each_other_and_the_centre_room(records: Records) -> None:
    svg = str(draw_map(records, bridges(records), set(), "Carte").svg)
    rings = _boxes(svg, "net-ring-label", 13)
    assert [name for name, _box in rings] == [
        "1er cercle : le Co-dir",
        "2e cercle : le bloc local",
        "3e cercle : les acteurs extérieurs",
    ]
    assert 'class="net-ring-label-bg"' in svg  # a background under each name
    people = _boxes(svg, "net-label net-label-person", 11)
    networks = _boxes(svg, "net-label", 12)
    circles = [
        square(float(x), float(y), 10)
        for x, y in re.findall(
            r'class="net-person[^"]*"><title>[^<]*</title><circle cx="([\d.]+)" cy="([\d.]+)"', svg
        )
    ]
    nodes = [
        square(float(x), float(y), 14)
        for x, y in re.findall(
            r'class="net-node[^"]*"><title>[^<]*</title><circle cx="([\d.]+)" cy="([\d.]+)"', svg
        )
    ]
    assert people and circles
    others = [box for _name, box in people + networks] + circles + nodes
    for name, ring in rings:
        assert not any(ring.overlaps(box) for box in others), name
    # Nobody and no name on the "Usager" node.
    user = square(*CENTRE, USER_RADIUS)
    assert not any(user.overlaps(box) for box in circles + [b for _n, b in people])


def test_the_first_ring_name_sits_top_left_when_that_arc_is_free() -> None:
    records = known()
    svg = str(draw_map(records, bridges(records), set(), "Carte").svg)
    (name, box), *_rest = _boxes(svg, "net-ring-label", 13)
    assert name == "1er cercle : le Co-dir"
    assert (box.x0 + box.x1) / 2 < CENTRE[0] and box.y1 < CENTRE[1]


def test_the_drawing_has_the_rings_the_centre_and_no_inline_style() -> None:
    records = known()
    drawing = draw_map(records, bridges(records), {"aD"}, "Carte <test>")
    svg = str(drawing.svg)
    assert svg.count('class="net-ring net-ring-') == 3
    assert "Usager" in svg
    assert "style=" not in svg and "<script" not in svg
    assert "Carte &lt;test&gt;" in svg
    assert 'class="net-node net-c3 net-isolated"' in svg
    assert drawing.drawn_people == 4


def big_records(networks: int = 60, people: int = 900) -> Records:
    """A territory as big as the largest (158 communes): 60 networks, 900 people, each in
    one network and one in ten in a second."""
    nets = [
        Network(f"b{i}", f"Instance numéro {i} au nom assez long pour être coupé", 1 + i % 3, BODY)
        for i in range(networks)
    ]
    members = {f"p{i}": Member(f"p{i}", f"Personne {i}") for i in range(people)}
    seats = [Seat(f"b{i % networks}", f"p{i}") for i in range(people)]
    seats += [Seat(f"b{(i + 7) % networks}", f"p{i}") for i in range(0, people, 10)]
    return Records(nets, members, seats)


def test_a_big_territory_stays_light_and_readable() -> None:
    records = big_records()
    drawing = draw_map(records, bridges(records), set(), "Grand territoire")
    svg = str(drawing.svg)
    assert drawing.drawn_people <= MAX_DRAWN_PEOPLE
    assert drawing.drawn_people + drawing.aggregated_people >= 810  # the rest are bridges
    assert len(svg.encode()) < 300_000
    labels = re.findall(r'class="net-label"[^>]*>([^<]*)<', svg)
    assert labels and all(len(label) <= 26 for label in labels)


def _random_networks(seed: int) -> nx.Graph:
    """A bipartite graph as a territory makes: networks, people in one network (leaves),
    some in several, an actor with one person, a network with nobody."""
    rng = random.Random(seed)
    networks = [f"b{i}" for i in range(rng.randint(1, 12))]
    graph = nx.Graph()
    graph.add_nodes_from(networks)
    for person in range(rng.randint(0, 60)):
        for network in rng.sample(networks, min(len(networks), rng.choice([1, 1, 1, 2, 3]))):
            graph.add_edge(f"p{person}", network)
    return graph


@pytest.mark.parametrize("seed", range(40))
def test_betweenness_folds_the_leaves_without_changing_a_figure(seed: int) -> None:
    graph = _random_networks(seed)
    expected = nx.betweenness_centrality(graph)
    found = betweenness(graph)
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-12)


def test_sampled_betweenness_from_every_source_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    # Over EXACT_SOURCES the sources are sampled and their sum scaled up; sampling them all
    # must give the exact figures (the scale is 1), in another order of sources.
    graph = build_graph(big_records())
    sources = sum(1 for _node, degree in graph.degree() if degree > 1)
    monkeypatch.setattr("networks.graph.EXACT_SOURCES", 0)
    monkeypatch.setattr("networks.graph.SAMPLED_SOURCES", sources)
    expected = nx.betweenness_centrality(graph)
    found = betweenness(graph)
    assert max(abs(found[node] - value) for node, value in expected.items()) < 1e-12


def test_sampled_betweenness_is_the_same_at_each_visit(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = build_graph(big_records())
    monkeypatch.setattr("networks.graph.EXACT_SOURCES", 10)
    monkeypatch.setattr("networks.graph.SAMPLED_SOURCES", 10)
    first = betweenness(graph)
    assert first == betweenness(graph)
    assert any(first.values())
