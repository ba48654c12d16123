"""In headless Chromium: the register pages pass axe-core (no serious or critical
violation), and a member searches the register and filters it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in, screenshot
from conftest import World
from decisions.tests.register_helpers import make_object, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_pages_are_accessible_and_searchable(world: World, new_page: Any) -> None:
    obj = make_object(world.body, title="Mutualisation des achats")
    old = record(
        world.body,
        title="Groupement de commandes de fournitures",
        text="Les communes achètent **ensemble**.",
        object=obj,
        decided_on=date(2026, 2, 3),
        review_on=date(2026, 3, 1),
        participants=[world.member],
    )
    record(
        world.body,
        title="Groupement élargi au papier",
        text="Le papier aussi.",
        object=obj,
        amends=old,
        decided_on=date(2026, 5, 4),
    )
    record(world.body, title="Programme de voirie", kind="avis", process="avis")
    page = new_page()
    log_in(page, world.member.email)
    page.goto(reverse("decisions:register", args=[world.territory.pk]))
    assert_accessible(page)
    page.get_by_label("Rechercher", exact=True).fill("achat")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state("networkidle")
    rows = page.locator("tbody th[scope=row] a")
    assert rows.all_inner_texts() == [
        "Groupement élargi au papier",
        "Groupement de commandes de fournitures",
    ]
    page.get_by_label("État").select_option("modifiee")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state("networkidle")
    assert rows.all_inner_texts() == ["Groupement de commandes de fournitures"]
    screenshot(page, "releve-de-decisions")
    rows.first.click()
    page.wait_for_load_state("networkidle")
    assert "Modifiée par" in page.content()
    assert_accessible(page)
    screenshot(page, "decision-du-releve")
    page.goto(reverse("decisions:body_register", args=[world.body.pk]))
    assert_accessible(page)
