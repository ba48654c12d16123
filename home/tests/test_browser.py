"""In headless Chromium: the demo facilitator's home page opens on what needs him,
passes axe-core (no serious or critical violation) and fits a phone's width."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.tests.browser import assert_accessible, log_in
from demo.loader import demo_load
from demo.people import DEMO_DOMAIN, DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_facilitator_home_opens_on_what_needs_him(new_page: Any) -> None:
    demo_load()
    page = new_page(width=390, height=844)
    log_in(page, f"yannick.le-goff@{DEMO_DOMAIN}", DEMO_PASSWORD)
    headings = [
        "Vos prochaines réunions",
        "Points à proposer",
        "Comptes-rendus à relire",
        "Propositions qui attendent votre réponse",
        "Mes actions",
        "Échéances des trois prochains mois",
        "Mes instances",
    ]
    tops = [
        page.get_by_role("heading", level=2, name=name).bounding_box()["y"] for name in headings
    ]
    assert tops == sorted(tops), "the sections come in their order of urgency"
    # The working group's meeting in two days, convened (demo/home_demo.py).
    meetings = page.get_by_role("region", name="Vos prochaines réunions")
    assert meetings.get_by_text("dans 2 jours").count() >= 1
    assert meetings.get_by_text("convocation envoyée").count() >= 1
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"la page d'accueil déborde de {overflow}px sur un téléphone"
    assert_accessible(page)
    meetings.get_by_role("link").first.click()
    page.wait_for_load_state("networkidle")
    assert "/reunions/" in page.url
