"""In headless Chromium: the framework pages pass axe-core (no serious or critical
violation), and the facilitator adds an object to the draft and submits it to consent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from core.tests.browser import assert_accessible, log_in
from decisions.framework_selectors import objects_of
from decisions.framework_services import framework_draft_start
from decisions.models import Proposal
from decisions.tests.factories import FrameworkObjectFactory
from decisions.tests.framework_url_routes import make_framework
from governance.models import LegitimacySource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
        reverse("decisions:framework", args=[world.body.pk]),
        v1.get_absolute_url(),
        draft.get_absolute_url(),
        reverse("decisions:framework_edit", args=[draft.pk]),
        reverse("decisions:framework_source_add", args=[draft.pk]),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(reverse("decisions:framework_object_add", args=[draft.pk]))
    assert_accessible(page)
    page.get_by_label("Intitulé").fill("Mutualisation des achats")
    page.get_by_label("Nature").select_option("dossier")
    page.get_by_label("Ce que l'instance peut faire").select_option("decision")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("networkidle")
    assert objects_of(draft).filter(title="Mutualisation des achats").exists()
    page.get_by_role("button", name="Soumettre au consentement").click()
    page.wait_for_load_state("networkidle")
    assert Proposal.objects.filter(framework=draft).exists()
