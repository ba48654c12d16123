"""In headless Chromium: an election from its opening to the proposal, every page passing
axe-core (no serious or critical violation), seen by the facilitator and by a member."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from elections import services
from elections.models import Election
from elections.tests.conftest import Voters, nominate_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_election_through_the_pages(voters: Voters, new_page: Any) -> None:
    body = voters.world.body
    facilitator = new_page()
    log_in(facilitator, voters.facilitator.email)
    facilitator.goto(reverse("elections:create", args=[body.pk]))
    assert_accessible(facilitator)
    facilitator.get_by_label("Rôle à pourvoir").select_option("facilitator")
    facilitator.get_by_label("Le rôle").fill("Anime les réunions et veille à la parité de parole.")
    facilitator.get_by_label("Durée du mandat, en mois").fill("12")
    facilitator.get_by_role("button", name="Ouvrir les nominations").click()
    facilitator.wait_for_load_state("networkidle")
    election = Election.objects.get()
    assert_accessible(facilitator)

    member = new_page()
    log_in(member, voters.bruno.email)
    member.goto(election.get_absolute_url())
    member.get_by_role("link", name="Écrire ma nomination").click()
    assert_accessible(member)
    member.get_by_label("Je nomme").select_option(label="Chloé Caron")
    member.get_by_label("Pourquoi").fill("Elle écoute chacun, petites communes comprises.")
    member.get_by_role("button", name="Enregistrer").click()
    member.wait_for_load_state("networkidle")
    assert "Vous avez nommé Chloé Caron." in member.content()

    facilitator.reload()
    assert "Elle écoute chacun" not in facilitator.content()  # hidden until the reading
    nominate_all(voters, election)  # the others write theirs (Bruno rewrites his)
    facilitator.get_by_role("button", name="Passer à la lecture des nominations").click()
    facilitator.wait_for_load_state("networkidle")
    assert "Bruno : elle écoute chacun." in facilitator.content()
    assert_accessible(facilitator)
    facilitator.get_by_role("button", name="Ouvrir le tour de changements").click()
    facilitator.wait_for_load_state("networkidle")
    facilitator.get_by_role("link", name="Proposer une personne").click()
    assert_accessible(facilitator)
    facilitator.get_by_label("Je propose").select_option(label="Chloé Caron")
    facilitator.get_by_label("Les raisons").fill("Nommée par tous.")
    facilitator.get_by_role("button", name="Soumettre au consentement").click()
    facilitator.wait_for_load_state("networkidle")
    assert_accessible(facilitator)
    election.refresh_from_db()
    assert election.phase == Election.Phase.CONSENT

    member.goto(reverse("elections:body_elections", args=[body.pk]))
    assert_accessible(member)
    services.election_cancel(election=election, actor=voters.facilitator)
    member.goto(election.get_absolute_url())
    assert_accessible(member)
