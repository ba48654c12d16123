"""In headless Chromium: the charter pages pass axe-core (no serious or critical
violation), and the administrator submits the draft to consent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from conftest import World
from decisions.models import Proposal
from meetings.tests.factories import CharterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charter_pages_are_accessible_and_the_draft_goes_to_consent(
    world: World, new_page: Any
) -> None:
    CharterFactory.create(body=world.body, version=1, adopted_on=date(2024, 1, 15))
    draft = CharterFactory.create(body=world.body, version=2, adopted_on=None, notice_days=9)
    page = new_page()
    log_in(page, world.admin.email)
    for url in (
        reverse("meetings:charter", args=[world.body.pk]),
        reverse("meetings:charter_new", args=[world.body.pk]),
        draft.get_absolute_url(),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(draft.get_absolute_url())
    page.get_by_role("button", name="Soumettre au consentement").click()
    page.wait_for_load_state("networkidle")
    assert Proposal.objects.filter(charter=draft).exists()
    page.goto(reverse("meetings:charter", args=[world.body.pk]))
    assert "soumis au consentement" in page.content()
    assert_accessible(page)
