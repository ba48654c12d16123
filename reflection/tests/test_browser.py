"""In headless Chromium, on the demo: the facilitator reaches the mirror from the body's
page, answers the open session, and every new page passes axe-core (no serious or
critical violation)."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.tests.browser import assert_accessible, log_in
from bodies.selectors import first_codir
from demo.loader import demo_load
from demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from reflection.models import MaturityRound, MirrorSession, Status
from territories.models import Territory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_mirror_pages_are_accessible_and_answerable(new_page: Any) -> None:
    demo_load()
    body = first_codir(Territory.objects.get(siren="248500530"))
    assert body is not None
    page = new_page()
    log_in(page, f"yannick.le-goff@{DEMO_DOMAIN}", DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Opération miroir : votre réponse est attendue")
    page.goto(body.get_absolute_url())
    page.get_by_role("link", name="L’opération miroir : questionnaires anonymes").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    closed = MirrorSession.objects.filter(body=body, status=Status.CLOSED).first()
    assert closed is not None
    page.goto(closed.get_absolute_url())
    assert page.get_by_text("Moyenne :").count() >= 4
    assert_accessible(page)
    current = MirrorSession.objects.get(body=body, status=Status.OPEN)
    page.goto(current.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Répondre au questionnaire").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("vous avez répondu").count() >= 1
    page.goto(f"/maturite/instance/{body.pk}/")
    assert_accessible(page)
    closed_round = MaturityRound.objects.filter(body=body, status=Status.CLOSED).first()
    assert closed_round is not None
    page.goto(closed_round.get_absolute_url())
    assert page.get_by_text("Étape moyenne :").count() == 1
    assert_accessible(page)
    open_round = MaturityRound.objects.get(body=body, status=Status.OPEN)
    page.goto(open_round.get_absolute_url())
    page.get_by_role("link", name="Donner mon autodiagnostic").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("group", name="Où situez-vous le Co-dir aujourd’hui ?").get_by_text(
        "3. Se donner des règles"
    ).click()
    page.get_by_role("button", name="Envoyer mon autodiagnostic").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("vous avez répondu").count() >= 1
    # The facilitator prepares the next session and opens its questionnaire.
    page.goto(f"/miroir/instance/{body.pk}/")
    page.get_by_text("Préparer une opération miroir").click()
    page.get_by_label("Date de l’opération miroir").fill("2027-06-01")
    page.get_by_role("button", name="Préparer le questionnaire").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Modifier le questionnaire").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.goto("/miroir/")
    assert_accessible(page)
