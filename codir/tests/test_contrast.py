"""The stylesheet's colours meet WCAG AA: 4.5:1 for text on its background, 3:1 for the
focus ring against what surrounds it (the light pages and the dark header). axe-core
checks the text of the pages it sees; it does not check focus rings, hence this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static/css/codir.css").read_text()
VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))
WHITE = "#ffffff"


def _colour(name: str) -> str:
    return name if name.startswith("#") else VARIABLES[name]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(_colour(a)), _luminance(_colour(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "paper"),
        ("ink", "wash"),
        ("muted", "paper"),
        ("muted", "wash"),
        ("accent", "paper"),
        ("accent", "accent-wash"),
        ("accent-dark", "accent-wash"),
        (WHITE, "accent"),
        (WHITE, "accent-dark"),
        (WHITE, "error"),  # .button-danger
        ("error", "paper"),  # .button-danger.button-secondary ("Retirer la proposition")
        ("error", "error-wash"),
        ("ok", "ok-wash"),
        ("warn", "warn-wash"),
    ],
)
def test_text_contrast_is_at_least_4_5(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5


def _focus_colours() -> tuple[str, str]:
    page = re.search(r"^:focus-visible \{ outline: 3px solid ([^;]+);", CSS, re.M)
    header = re.search(r"\.site-header :focus-visible \{ outline-color: (#[0-9a-fA-F]{6});", CSS)
    assert page and header
    return page.group(1).replace("var(--", "").rstrip(")"), header.group(1)


def test_focus_ring_stands_out_on_pages_and_header() -> None:
    ring, header_ring = _focus_colours()
    assert contrast(ring, "paper") >= 3 and contrast(ring, "wash") >= 3
    assert contrast(ring, "accent-wash") >= 3
    assert contrast(header_ring, "accent-dark") >= 3


def test_secondary_danger_button_is_red_on_white() -> None:
    rule = re.search(r"\.button-danger\.button-secondary \{([^}]*)\}", CSS)
    assert rule and "background: var(--paper)" in rule.group(1)
    assert "color: var(--error)" in rule.group(1)
