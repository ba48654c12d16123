"""Where the map's labels go so that none covers another: rough boxes for the SVG's
texts and marks (the server cannot measure text; an average glyph width is enough to
keep labels apart), the ring names placed on an arc that no mark occupies, and the
people kept clear of the "Usager" node at the centre. Pure functions, no Django."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

GLYPH_WIDTH = 0.58  # an average glyph's width, in font sizes (a generous estimate)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def overlap_area(self, other: Box) -> float:
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(width, 0.0) * max(height, 0.0)

    def grown(self, margin: float) -> Box:
        return Box(self.x0 - margin, self.y0 - margin, self.x1 + margin, self.y1 + margin)


def text_box(x: float, baseline: float, text: str, size: float) -> Box:
    """A text drawn with text-anchor="middle" at (x, baseline)."""
    half = len(text) * size * GLYPH_WIDTH / 2
    return Box(x - half, baseline - size * 0.85, x + half, baseline + size * 0.3)


def square(x: float, y: float, half: float) -> Box:
    return Box(x - half, y - half, x + half, y + half)


def candidate_angles(preferred: float, steps: int = 72) -> list[float]:
    """Angles round the circle, nearest to `preferred` first (alternately either side)."""
    step = 2 * math.pi / steps
    angles = [preferred]
    for n in range(1, steps // 2 + 1):
        angles += [preferred + n * step, preferred - n * step]
    return angles


def place_on_ring(
    centre: tuple[float, float],
    radius: float,
    text: str,
    size: float,
    obstacles: Iterable[Box],
    preferred: float,
    bounds: Box,
) -> tuple[float, float, Box]:
    """The baseline point of a ring's name: the first position round the ring, from
    `preferred` on, where its box meets no obstacle and stays inside `bounds`; failing
    one (a ring crowded all round), the one that covers the least."""
    walls = list(obstacles)
    best: tuple[float, float, float, Box] | None = None
    for angle in candidate_angles(preferred):
        x = centre[0] + radius * math.cos(angle)
        baseline = centre[1] + radius * math.sin(angle) + size * 0.3
        box = text_box(x, baseline, text, size)
        if box.x0 < bounds.x0 or box.x1 > bounds.x1 or box.y0 < bounds.y0 or box.y1 > bounds.y1:
            continue
        covered = sum(box.overlap_area(wall) for wall in walls)
        if covered == 0:
            return x, baseline, box
        if best is None or covered < best[0]:
            best = (covered, x, baseline, box)
    if best is None:  # cannot happen on the map's rings; keep the preferred place
        x = centre[0] + radius * math.cos(preferred)
        baseline = centre[1] + radius * math.sin(preferred) + size * 0.3
        return x, baseline, text_box(x, baseline, text, size)
    return best[1], best[2], best[3]


def clear_of(
    point: tuple[float, float],
    boxes_at: Iterable[tuple[float, float, float, float]],
    keep_out: Box,
    centre: tuple[float, float],
    fallback_angle: float,
    step: float = 6.0,
    tries: int = 40,
) -> tuple[float, float]:
    """Move `point` straight away from `centre` until none of its boxes (offsets from the
    point: dx0, dy0, dx1, dy1) meets `keep_out`."""
    x, y = point
    dx, dy = x - centre[0], y - centre[1]
    length = math.hypot(dx, dy)
    if length < 1e-6:
        dx, dy, length = math.cos(fallback_angle), math.sin(fallback_angle), 1.0
    ux, uy = dx / length, dy / length
    offsets = list(boxes_at)
    for _n in range(tries):
        if not any(Box(x + a, y + b, x + c, y + d).overlaps(keep_out) for a, b, c, d in offsets):
            break
        x, y = x + ux * step, y + uy * step
    return x, y
