"""The map drawn on the server as SVG: the user (the resident) at the centre, the three
circles as rings, each network on its ring, people beside the networks they link.

No script and no inline style (the Content Security Policy forbids both): colours come
from the `.net-*` classes of static/css/codir.css. Positions are computed here (networkx's
layouts need numpy, which the project does not ship): networks are spread evenly on their
ring, those of the outer rings ordered by the angle of the inner networks they share
people with, so that links stay short. The page gives the same facts as text beside it.

A big territory must stay readable and light: at most MAX_DRAWN_PEOPLE people are drawn
one by one (the bridges first), the others of each network become a count ("+ 12"), and
labels are cut at LABEL_CHARS characters (the full name is in the tooltip).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from networks.graph import ACTOR, Bridge, Member, Network, Records
from networks.placement import Box, clear_of, place_on_ring, square, text_box

WIDTH = 1040
HEIGHT = 1000
CENTRE = (WIDTH / 2, HEIGHT / 2)
RADII = {1: 150.0, 2: 295.0, 3: 430.0}
LABEL_CHARS = 26
MAX_DRAWN_PEOPLE = 80  # people drawn one by one; the others become counts
MAX_DRAWN_BRIDGES = 40  # of which bridges, the most central first
MAX_LABELLED_BRIDGES = 12
LABEL_ROOM = 120  # length of ring a network's label needs, in SVG units
SINGLES_PER_NETWORK = 5  # people of one network only drawn around it; more become a count
NETWORK_RADIUS = 14
PERSON_RADIUS = 10
USER_RADIUS = 34
PERSON_LABEL_CHARS = 22
# Font sizes of the labels (static/css/codir.css), to keep their boxes apart.
NETWORK_LABEL_SIZE = 12.0
PERSON_LABEL_SIZE = 11.0
RING_LABEL_SIZE = 13.0
# A ring's name goes on its top-left arc when nothing is drawn there (the map reads from
# the top left), otherwise on the nearest free stretch of the ring.
RING_LABEL_ANGLE = -3 * math.pi / 4


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def _polar(radius: float, angle: float) -> Point:
    return Point(CENTRE[0] + radius * math.cos(angle), CENTRE[1] + radius * math.sin(angle))


def _circular_mean(angles: list[float]) -> float:
    return math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles))


def network_angles(records: Records) -> dict[str, float]:
    """An angle per network: ring by ring from the centre, each outer network placed by
    the mean angle of the inner networks it shares people with (those that share nobody
    keep their alphabetical turn), then the ring is spread evenly in that order."""
    members = records.members_of()
    networks_of = records.networks_of()
    angles: dict[str, float] = {}
    for circle in (1, 2, 3):
        ring = sorted((n for n in records.networks if n.circle == circle), key=lambda n: n.name)
        if not ring:
            continue
        wished: list[tuple[float, int, Network]] = []
        for index, network in enumerate(ring):
            neighbours = {
                other
                for person in members.get(network.key, [])
                for other in networks_of.get(person, [])
                if other in angles
            }
            fallback = -math.pi / 2 + 2 * math.pi * index / len(ring)
            wish = _circular_mean([angles[o] for o in neighbours]) if neighbours else fallback
            wished.append((wish % (2 * math.pi), index, network))
        wished.sort(key=lambda item: (item[0], item[1]))
        # Each ring starts half a step further round, so that its nodes do not line up
        # with the inner ring's on the same rays.
        offset = -math.pi / 2 + (circle - 1) * math.pi / max(len(ring), 1) / 2
        start = wished[0][0] if circle > 1 else offset
        for position, (_wish, _index, network) in enumerate(wished):
            angles[network.key] = start + 2 * math.pi * position / len(ring)
    return angles


def _html(template: str, *args: object) -> str:
    """format_html with coordinates rounded to a tenth (lighter SVG): numbers are
    formatted before format_html escapes its arguments into strings."""
    return format_html(template, *(f"{a:.1f}" if isinstance(a, float) else a for a in args))


def labelled_networks(records: Records) -> set[str]:
    """The networks whose name is written on the map: on a crowded ring, as many as the
    ring has room for, the most peopled first (the others keep their tooltip)."""
    members = records.members_of()
    named: set[str] = set()
    for circle, radius in RADII.items():
        ring = [n for n in records.networks if n.circle == circle]
        room = int(2 * math.pi * radius / LABEL_ROOM)
        ring.sort(key=lambda n: (-len(members.get(n.key, [])), n.name))
        named |= {n.key for n in ring[:room]}
    return named


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Drawing:
    svg: SafeString
    drawn_people: int
    aggregated_people: int


def draw_map(records: Records, bridges: list[Bridge], isolated: set[str], title: str) -> Drawing:
    angles = network_angles(records)
    places = {n.key: _polar(RADII.get(n.circle, RADII[3]), angles[n.key]) for n in records.networks}
    members = records.members_of()
    edges: list[str] = []
    nodes: list[str] = []
    labels: list[str] = []

    # Bridges first, the most central first, up to the cap; they sit at the centroid of
    # their networks, nudged round a small spiral so that two of them never overlap.
    drawn: dict[str, Point] = {}
    bridge_keys = {b.person.key for b in bridges}
    labelled = {b.person.key for b in bridges[:MAX_LABELLED_BRIDGES]}
    for rank, bridge in enumerate(bridges[:MAX_DRAWN_BRIDGES]):
        points = [places[n.key] for n in bridge.networks if n.key in places]
        x = sum(p.x for p in points) / len(points)
        y = sum(p.y for p in points) / len(points)
        nudge = 18 * math.sqrt(rank % 12)
        turn = rank * 2.4
        drawn[bridge.person.key] = Point(x + nudge * math.cos(turn), y + nudge * math.sin(turn))

    # The people of one network only: a few around it, outward; the rest as a count.
    budget = MAX_DRAWN_PEOPLE - len(drawn)
    counts: dict[str, int] = {}
    for network in records.networks:
        singles = [p for p in members.get(network.key, []) if p not in bridge_keys]
        shown = singles[: min(SINGLES_PER_NETWORK, max(budget, 0))]
        budget -= len(shown)
        if len(singles) > len(shown):
            counts[network.key] = len(singles) - len(shown)
        centre = places[network.key]
        outward = angles[network.key]
        ring_radius = RADII.get(network.circle, RADII[3])
        for index, person in enumerate(shown):
            spread = (index - (len(shown) - 1) / 2) * 0.55
            distance = 34 if ring_radius < RADII[3] else 30
            drawn[person] = Point(
                centre.x + distance * math.cos(outward + math.pi + spread),
                centre.y + distance * math.sin(outward + math.pi + spread),
            )

    # Nobody sits on the "Usager" node: a bridge between networks facing each other lands
    # near the centre; it and its name move straight outward until they clear it.
    keep_out = square(CENTRE[0], CENTRE[1], USER_RADIUS + 4)
    for rank, (key, point) in enumerate(list(drawn.items())):
        edge = float(PERSON_RADIUS)
        offsets: list[tuple[float, float, float, float]] = [(-edge, -edge, edge, edge)]
        if key in labelled:
            label = _person_label_box(0.0, 0.0, records.people[key].name)
            offsets.append((label.x0, label.y0, label.x1, label.y1))
        x, y = clear_of((point.x, point.y), offsets, keep_out, CENTRE, rank * 2.4)
        drawn[key] = Point(x, y)

    for seat_network, people in members.items():
        if seat_network not in places:
            continue
        a = places[seat_network]
        for person in people:
            if person in drawn:
                b = drawn[person]
                css = "net-edge net-edge-bridge" if person in bridge_keys else "net-edge"
                edges.append(
                    _html(
                        '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                        css,
                        a.x,
                        a.y,
                        b.x,
                        b.y,
                    )
                )

    # Everything drawn, as boxes: the ring names are placed where none of them is.
    obstacles: list[Box] = [keep_out]
    named = labelled_networks(records)
    for network in records.networks:
        nodes.append(_network_node(network, places[network.key], network.key in isolated))
        point = places[network.key]
        obstacles.append(square(point.x, point.y, NETWORK_RADIUS + 2))
        if network.key not in named:
            continue  # a crowded ring: its name is in the tooltip and the list
        baseline = point.y + NETWORK_RADIUS + 14
        name = _cut(network.name)
        obstacles.append(text_box(point.x, baseline, name, NETWORK_LABEL_SIZE))
        labels.append(
            _html(
                '<text class="net-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                point.x,
                baseline,
                name,
            )
        )
        if network.key in counts:
            shown_here = any(p in drawn for p in members.get(network.key, []))
            away = 64.0 if shown_here else 32.0
            angle = angles[network.key]
            badge = Point(point.x - away * math.cos(angle), point.y - away * math.sin(angle))
            obstacles.append(square(badge.x, badge.y, 13))
            labels.append(_count_badge(network, badge, counts[network.key]))

    for key, point in drawn.items():
        member = records.people[key]
        nodes.append(_person_node(member, point, key in bridge_keys))
        obstacles.append(square(point.x, point.y, PERSON_RADIUS))
        if key in labelled:
            obstacles.append(_person_label_box(point.x, point.y, member.name))
            labels.append(
                _html(
                    '<text class="net-label net-label-person" x="{}" y="{}" '
                    'text-anchor="middle">{}</text>',
                    point.x,
                    point.y - PERSON_RADIUS - 5,
                    _cut(member.name, PERSON_LABEL_CHARS),
                )
            )

    aggregated = sum(counts.values())
    body = [*_rings(), *edges, _centre(), *nodes, *labels, *_ring_labels(obstacles)]
    return Drawing(svg=_svg(title, body), drawn_people=len(drawn), aggregated_people=aggregated)


def _svg(title: str, body: list[str]) -> SafeString:
    head = format_html(
        '<svg class="net-map" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="carte-titre" xmlns="http://www.w3.org/2000/svg">'
        '<title id="carte-titre">{}</title>',
        WIDTH,
        HEIGHT,
        title,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # every part is escaped by format_html


def _person_label_box(x: float, y: float, name: str) -> Box:
    """The box of a person's name, written above their node at (x, y)."""
    return text_box(x, y - PERSON_RADIUS - 5, _cut(name, PERSON_LABEL_CHARS), PERSON_LABEL_SIZE)


RING_NAMES = {
    1: _lazy("1er cercle : le Co-dir"),
    2: _lazy("2e cercle : le bloc local"),
    3: _lazy("3e cercle : les acteurs extérieurs"),
}


def _rings() -> list[str]:
    return [
        _html(
            '<circle class="net-ring net-ring-{}" cx="{}" cy="{}" r="{}"/>',
            circle,
            CENTRE[0],
            CENTRE[1],
            radius,
        )
        for circle, radius in RADII.items()
    ]


def ring_label_boxes(obstacles: list[Box]) -> list[tuple[int, str, float, float, Box]]:
    """Each ring's name, its baseline point and box: on the top-left arc if free, else
    the nearest free stretch; the names placed so far count as obstacles too."""
    placed: list[tuple[int, str, float, float, Box]] = []
    walls = list(obstacles)
    for circle, radius in RADII.items():
        name = str(RING_NAMES[circle])
        x, baseline, box = place_on_ring(
            CENTRE,
            radius,
            name,
            RING_LABEL_SIZE,
            walls,
            RING_LABEL_ANGLE,
            Box(0, 0, WIDTH, HEIGHT),
        )
        walls.append(box)
        placed.append((circle, name, x, baseline, box))
    return placed


def _ring_labels(obstacles: list[Box]) -> list[str]:
    """Drawn last, on a light background (class net-ring-label-bg) over the ring's line."""
    parts = []
    for circle, name, x, baseline, box in ring_label_boxes(obstacles):
        back = box.grown(2)
        parts.append(
            _html(
                '<g class="net-ring-name net-ring-name-{}">'
                '<rect class="net-ring-label-bg" x="{}" y="{}" width="{}" height="{}" rx="3"/>'
                '<text class="net-ring-label" x="{}" y="{}" text-anchor="middle">{}</text></g>',
                circle,
                back.x0,
                back.y0,
                back.x1 - back.x0,
                back.y1 - back.y0,
                x,
                baseline,
                name,
            )
        )
    return parts


def _centre() -> str:
    return _html(
        '<g class="net-user"><title>{}</title><circle cx="{}" cy="{}" r="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
        _("L’usager, au centre : ce que les réseaux font, ils le font pour lui."),
        CENTRE[0],
        CENTRE[1],
        float(USER_RADIUS),
        CENTRE[0],
        CENTRE[1] + 5,
        _("Usager"),
    )


def _network_node(network: Network, point: Point, isolated: bool) -> str:
    css = f"net-node net-c{network.circle}" + (" net-isolated" if isolated else "")
    tip = f"{network.name} · {network.kind_label}" if network.kind_label else network.name
    if isolated:
        tip += " · " + _("ne partage personne avec un autre réseau")
    if network.source == ACTOR:
        size = NETWORK_RADIUS * 1.7
        shape = _html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="4"/>',
            point.x - size / 2,
            point.y - size / 2,
            size,
            size,
        )
    else:
        shape = _html('<circle cx="{}" cy="{}" r="{}"/>', point.x, point.y, NETWORK_RADIUS)
    return _html('<g class="{}"><title>{}</title>{}</g>', css, tip, shape)


def _person_node(person: Member, point: Point, bridge: bool) -> str:
    css = "net-person net-bridge" if bridge else "net-person"
    return _html(
        '<g class="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
        css,
        person.name,
        point.x,
        point.y,
        PERSON_RADIUS,
        point.x,
        point.y + 3.5,
        person.initials,
    )


def _count_badge(network: Network, badge: Point, count: int) -> str:
    tip = ngettext(
        "%(count)s autre personne dans « %(network)s »",
        "%(count)s autres personnes dans « %(network)s »",
        count,
    ) % {"count": count, "network": network.name}
    return _html(
        '<g class="net-count"><title>{}</title><circle cx="{}" cy="{}" r="13"/>'
        '<text x="{}" y="{}" text-anchor="middle">+{}</text></g>',
        tip,
        badge.x,
        badge.y,
        badge.x,
        badge.y + 4,
        count,
    )
