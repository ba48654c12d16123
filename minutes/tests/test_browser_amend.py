"""In headless Chromium: a member amends the minutes as they read them (a passage
copied from the displayed text, then a numbered paragraph), the pages pass axe-core,
and the secretary accepts the change, which lands in the right paragraph."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from conftest import World
from minutes.models import Minutes, MinutesAmendment
from minutes.paragraphs import paragraphs
from minutes.tests.conftest import Held

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_amends_what_they_read_and_the_secretary_accepts(
    world: World, held: Held, in_review: Minutes, new_page: Any
) -> None:
    page = new_page()
    log_in(page, world.member.email)
    page.goto(reverse("minutes:detail", args=[in_review.pk]))
    # What the member copies from the page: the displayed words, without ** markers.
    copied = page.locator("p", has_text="avis rendu").first.inner_text()
    assert copied == "Issue : avis rendu"
    page.goto(reverse("minutes:amend", args=[in_review.pk]))
    assert_accessible(page)
    page.get_by_label("Ou le passage à modifier").fill(copied)
    page.get_by_label("Nouvelle rédaction").fill("Issue : avis favorable rendu")
    page.get_by_label("Motif").fill("L’avis était favorable.")
    page.get_by_role("button", name="Proposer l’amendement").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".amendment-change ins", has_text="favorable").count() == 1

    # A numbered paragraph, chosen by its link: its displayed text is what one edits.
    number = next(p.number for p in paragraphs(in_review.text) if p.plain.startswith("Présent"))
    page.goto(reverse("minutes:amend", args=[in_review.pk]))
    page.get_by_role("link", name=f"Amender le paragraphe {number}").click()
    page.wait_for_load_state("networkidle")
    field = page.get_by_label("Nouvelle rédaction")
    assert field.input_value() == "Présent·es : Marc Membre, Sophie Scribe"
    field.fill("Présent·es : Marc Membre, Sophie Scribe, Ernest Excusé")
    page.get_by_label("Motif").fill("Ernest est arrivé en retard.")
    page.get_by_role("button", name="Proposer l’amendement").click()
    page.wait_for_load_state("networkidle")
    assert MinutesAmendment.objects.count() == 2

    secretary = new_page()
    log_in(secretary, held.secretary.email)
    secretary.goto(reverse("minutes:detail", args=[in_review.pk]))
    assert_accessible(secretary)
    for _ in range(2):
        secretary.get_by_role("button", name="Accepter et appliquer").first.click()
        secretary.wait_for_load_state("networkidle")
    text = Minutes.objects.get(pk=in_review.pk).text
    assert "**Issue** : avis favorable rendu" in text
    assert "- **Présent·es** : Marc Membre, Sophie Scribe, Ernest Excusé" in text
