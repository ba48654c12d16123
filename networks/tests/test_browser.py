"""In headless Chromium at a phone's width (390 px): the map, the bridges, the actors'
list and an actor's page pass axe-core (no serious or critical violation), fit without
horizontal scroll, and the map's pictures show their names on hover (<title>)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from conftest import World
from networks.tests.factories import ActorFactory, ContactFactory, LinkFactory, StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}}


def test_network_pages_are_accessible_on_a_phone(
    world: World, chromium: Any, live_server: Any
) -> None:
    actor = ActorFactory.create(territory=world.territory, name="Préfecture de la Vendée")
    ContactFactory.create(actor=actor, name="Bureau des dotations", phone="02 51 00 00 00")
    LinkFactory.create(actor=actor, person=world.admin, start_date=date(2024, 1, 1))
    StrategyFactory.create(actor=actor, owner=world.admin, next_step="Rencontrer la préfète")
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR", **PHONE)
    try:
        page = context.new_page()
        log_in(page, world.admin.email)
        for url in (
            reverse("networks:map", args=[world.territory.pk]),
            reverse("networks:bridges", args=[world.territory.pk]),
            reverse("networks:actor_list", args=[world.territory.pk]),
            actor.get_absolute_url(),
            reverse("networks:strategy_edit", args=[actor.pk]),
        ):
            page.goto(url)
            assert_accessible(page)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{url}: {overflow} px de défilement horizontal"
        page.goto(reverse("networks:map", args=[world.territory.pk]))
        titles = page.locator("svg.net-map g title").all_text_contents()
        assert any("Préfecture de la Vendée" in title for title in titles)
    finally:
        context.close()
