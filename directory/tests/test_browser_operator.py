"""End to end, in headless Chromium: the operator of a fresh install finds the EPCI,
checks its communes, creates the territory and invites its administrator. Every page
passes axe, and logs nothing in the console (the `new_page` fixture fails otherwise)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from accounts.models import Invitation
from accounts.tests.browser import assert_accessible, log_in, screenshot
from accounts.tests.factories import PersonFactory
from territories.models import Territory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_operator_creates_the_first_territory(new_page: Any) -> None:
    operator = PersonFactory.create(is_staff=True, email="operateur@example.fr")
    page = new_page()
    log_in(page, operator.email)
    page.get_by_role("link", name="Territoires", exact=True).click()
    page.get_by_role("link", name="Créez le premier à partir des données officielles").click()
    assert_accessible(page)
    page.get_by_label("Nom de l'EPCI, SIREN ou nom d'une commune").fill("pays des achârds")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="CC du Pays des Achards").click()
    assert page.get_by_role("heading", name="9 communes seront créées").is_visible()
    assert_accessible(page)
    screenshot(page, "operateur-creer-territoire")
    page.get_by_label("Adresse électronique de l'administrateur du territoire").fill(
        "dgs@achards.example.fr"
    )
    page.get_by_role("button", name="Créer le territoire et envoyer l’invitation").click()
    page.wait_for_load_state("networkidle")
    territory = Territory.objects.get(siren="248500530")
    assert page.url.endswith(territory.get_absolute_url())
    assert page.get_by_text("Une invitation à administrer le territoire").is_visible()
    assert Invitation.objects.get().email == "dgs@achards.example.fr"
    assert len(mail.outbox) == 1
