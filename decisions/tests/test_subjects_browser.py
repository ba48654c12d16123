"""In headless Chromium: the charter and framework pages pass axe-core (no serious or
critical violation), and their drafts are submitted to consent (decisions' action on
governance's pages)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.proposals.subjects import pending_proposal
from governance.framework import framework_draft_start
from governance.models import LegitimacySource
from governance.selectors import objects_of
from governance.tests.factories import CharterFactory, FrameworkObjectFactory, make_framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charter_pages_are_accessible_and_the_draft_goes_to_consent(
    world: World, new_page: Any
) -> None:
    CharterFactory.create(body=world.body, version=1, adopted_on=date(2024, 1, 15))
    draft = CharterFactory.create(body=world.body, version=2, adopted_on=None, notice_days=9)
    page = new_page()
    log_in(page, world.admin.email)
    for url in (
        reverse("governance:charter", args=[world.body.pk]),
        reverse("governance:charter_new", args=[world.body.pk]),
        draft.get_absolute_url(),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(draft.get_absolute_url())
    page.get_by_role("button", name="Soumettre au consentement").click()
    page.wait_for_load_state("networkidle")
    assert pending_proposal(draft) is not None
    page.goto(reverse("governance:charter", args=[world.body.pk]))
    assert "soumis au consentement" in page.content()
    assert_accessible(page)


def test_framework_pages_are_accessible_and_a_draft_is_submitted(
    world: World, new_page: Any
) -> None:
    MembershipFactory.create(
        body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR
    )
    v1 = make_framework(world.body, adopted_on=date(2024, 3, 12))
    FrameworkObjectFactory.create(framework=v1, title="Voirie", authority="avis")
    LegitimacySource.objects.create(framework=v1, kind="mandate", title="Lettre de mission")
    draft = framework_draft_start(body=world.body, created_by=world.member)
    page = new_page()
    log_in(page, world.member.email)
    for url in (
        reverse("governance:framework", args=[world.body.pk]),
        v1.get_absolute_url(),
        draft.get_absolute_url(),
        reverse("governance:framework_edit", args=[draft.pk]),
        reverse("governance:framework_source_add", args=[draft.pk]),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(reverse("governance:framework_object_add", args=[draft.pk]))
    assert_accessible(page)
    page.get_by_label("Intitulé").fill("Mutualisation des achats")
    page.get_by_label("Nature").select_option("dossier")
    page.get_by_label("Ce que l'instance peut faire").select_option("decision")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("networkidle")
    assert objects_of(draft).filter(title="Mutualisation des achats").exists()
    page.get_by_role("button", name="Soumettre au consentement").click()
    page.wait_for_load_state("networkidle")
    assert pending_proposal(draft) is not None
