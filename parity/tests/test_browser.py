"""In headless Chromium, on a phone's width: the parity page passes axe-core and does
not scroll sideways (its wide tables scroll inside their own frame)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_parity_page_is_accessible_on_a_phone(world: World, new_page: Any) -> None:
    meeting = MeetingFactory.create(
        body=world.body, host=world.epci, facilitator=world.member, status=Meeting.Status.HELD
    )
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, presenter=world.member)
    page = new_page(390, 844)
    log_in(page, world.member.email)
    page.goto(reverse("parity:body", args=[world.body.pk]))
    assert_accessible(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # The period folds to one line: the figures start on the first screen of a phone.
    assert not page.locator("#id_end").is_visible()
    heading = page.locator("#en-bref").bounding_box()
    assert heading is not None and heading["y"] < 844
    page.get_by_text("Changer la période").click()
    page.locator("#id_end").fill("2000-01-01")
    page.get_by_role("button", name="Afficher cette période").click()
    page.wait_for_load_state()
    assert "La fin de la période doit suivre son début." in page.content()
    assert page.locator("#id_end").is_visible()  # kept open to correct it
    assert_accessible(page)
