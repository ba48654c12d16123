"""In headless Chromium: the follow-up pages pass axe-core (no serious or critical
violation), and the owner records progress on an action with a note."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.browser import assert_accessible, log_in
from conftest import World
from decisions.tests.factories import DecisionFactory
from followup.models import Status
from followup.tests.factories import ActionFactory, ImplementationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_follow_up_pages_are_accessible_and_progress_is_noted(world: World, new_page: Any) -> None:
    today = timezone.localdate()
    decision = DecisionFactory.create(body=world.body, title="Achats groupés")
    action = ActionFactory.create(
        body=world.body,
        decision=decision,
        title="Rédiger la convention",
        owner=world.member,
        organisation=world.commune,
        due_on=today - timedelta(days=2),
    )
    ImplementationFactory.create(
        decision=decision, organisation=world.commune, owner=world.member, due_on=today
    )
    page = new_page()
    log_in(page, world.member.email)
    for url in (
        reverse("followup:board", args=[world.body.pk]),
        reverse("followup:decision", args=[decision.pk]),
        reverse("followup:mine"),
        reverse("followup:decision_action_create", args=[decision.pk]),
        reverse("home:home"),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(action.get_absolute_url())
    assert_accessible(page)
    page.get_by_label("État").select_option(Status.BLOCKED.value)
    page.get_by_role("textbox", name="Note d").fill("Attend la délibération.")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("networkidle")
    assert "Attend la délibération." in page.content()
    action.refresh_from_db()
    assert action.status == Status.BLOCKED
