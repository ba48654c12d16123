"""In headless Chromium: the grid and the public page pass axe-core (no serious or
critical violation) and hold in a 390 px phone without horizontal scroll; the secretary
opens one row of her grid in place (the focus on its form), saves it, and a resident
finds who answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from competences import services
from competences.models import Competence, Exercise, TerritoryGuide
from conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_grid_and_the_public_page_on_a_phone(world: World, new_page: Any) -> None:
    services.reference_load(territory=world.territory)
    TerritoryGuide.objects.create(territory=world.territory, published=True)
    permits = Competence.objects.get(territory=world.territory, code="urbanisme-ads")
    Exercise.objects.create(
        territory=world.territory,
        competence=permits,
        exercised_by=None,
        since="2015-07-01",
        guidance="Déposez le dossier en mairie.",
    )
    page = new_page(width=390, height=844)
    log_in(page, world.member.email)
    page.goto(reverse("competences:commune", args=[world.commune.pk]))
    assert_accessible(page)
    assert page.evaluate(OVERFLOW) <= 0
    name = "Urbanisme : permis de construire"
    page.get_by_role("link", name=f"Modifier : {name}").click()
    section = page.locator("section", has_text=name)
    hours = section.get_by_label("Horaires")
    hours.wait_for()
    # The form opened in place, the focus on its first field.
    assert page.evaluate("document.activeElement.name").endswith("-exercised_by")
    assert_accessible(page)
    assert page.evaluate(OVERFLOW) <= 0
    hours.fill("mardi et jeudi, 9 h à 12 h")
    section.get_by_role("button", name=f"Enregistrer : {name}").click()
    page.get_by_text(f"La ligne « {permits.name} » est enregistrée.").wait_for()
    # htmx focuses the row's autofocus link once the swap settles, a moment after the text.
    page.wait_for_function(
        "document.activeElement && document.activeElement.textContent.startsWith('Modifier')"
    )
    assert Exercise.objects.filter(commune=world.commune, hours__startswith="mardi").exists()

    resident = new_page(width=390, height=844)
    resident.goto(reverse("competences:guide", args=[world.territory.siren]))
    assert_accessible(resident)
    resident.get_by_label("Votre besoin").fill("je construis une maison")
    resident.get_by_label("Votre commune").select_option(label=world.commune.name)
    resident.get_by_role("button", name="Chercher").click()
    resident.wait_for_load_state("networkidle")
    assert "mardi et jeudi, 9 h à 12 h" in resident.content()
    assert_accessible(resident)
    assert resident.evaluate(OVERFLOW) <= 0
