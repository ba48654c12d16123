"""End to end, in headless Chromium: a live consent round in a meeting. The facilitator
drives from the live page; a member follows on theirs, raises an objection (recorded by
the facilitator in their turn), proposes an amendment that answers it on the proposal's
page; the facilitator integrates it, runs a second objections round and adopts. The
member's page shows each step without being reloaded. Both pages pass axe."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.browser import assert_accessible, log_in, screenshot
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.models import Decision, Objection, Proposal
from decisions.proposals.services import Handling, proposal_create, proposal_open
from meetings import live, live_stream
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _short_streams(settings: Any) -> Iterator[None]:
    """Short streams, so that none outlives the test (see meetings' live browser test)."""
    settings.CODIR_LIVE_STREAM_SECONDS = 5
    settings.CODIR_LIVE_KEEPALIVE_SECONDS = 1
    yield


@pytest.fixture
def pages(new_page: Any) -> Iterator[Any]:
    opened: list[Any] = []

    def open_page(**size: Any) -> Any:
        opened.append(new_page(**size))
        return opened[-1]

    yield open_page
    for page in opened:
        page.context.close()
    deadline = time.monotonic() + 10
    while live_stream.open_streams() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not live_stream.open_streams(), "a live stream outlived its page"


def follows(page: Any, text: str, timeout: int = 5000) -> None:
    """Wait until the live state of `page` shows `text` (pushed, not reloaded)."""
    page.wait_for_function(
        "text => document.getElementById('live-state').textContent.includes(text)",
        arg=text,
        timeout=timeout,
    )


def phase_is(page: Any, pk: int, label: str, timeout: int = 5000) -> None:
    """Wait until the panel's phase tag of proposal `pk` reads `label`."""
    page.wait_for_function(
        "([id, label]) => { const tag = document.getElementById(id);"
        " return tag && tag.textContent.trim().startsWith(label); }",
        arg=[f"live-consent-phase-{pk}", label],
        timeout=timeout,
    )


def test_live_consent_round_with_an_objection_integrated(world: World, pages: Any) -> None:
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane", email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)
    meeting = MeetingFactory.create(
        body=world.body,
        facilitator=zoe,
        status=Meeting.Status.CONVENED,
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    item = AgendaItemFactory.create(
        meeting=meeting,
        title="Achats groupés",
        kind=AgendaItem.Kind.DECISION,
        status=AgendaItem.Status.ACCEPTED,
        position=0,
    )
    live.meeting_start(meeting=meeting)
    proposal = proposal_create(
        body=world.body,
        proposer=zoe,
        title="Groupement de commandes",
        text="Nous créons un groupement de commandes pour les fournitures.",
        handling=Handling(item=item, mode=Proposal.Mode.LIVE),
    )
    proposal_open(proposal=proposal, actor=zoe)
    pk = proposal.pk

    member = pages(width=390, height=800)
    log_in(member, world.member.email)
    member.goto(reverse("meetings:live", args=[meeting.pk]))
    assert member.get_by_role("heading", name="Proposition : Groupement de commandes").is_visible()
    assert member.locator(f"#live-consent-advance-{pk}").count() == 0  # a follower

    lead = pages()
    log_in(lead, zoe.email)
    lead.goto(reverse("meetings:live", args=[meeting.pk]))

    # The facilitator moves through the phases up to the objections round.
    for label in (
        "questions de clarification",
        "réactions",
        "amendement par le porteur",
        "tour des objections",
    ):
        lead.locator(f"#live-consent-advance-{pk}").click()
        phase_is(lead, pk, label)
        phase_is(member, pk, label)
    follows(member, "C’est au tour de Marc Membre")

    # Marc's turn (first by name): an objection, with its reasoning.
    lead.get_by_label("Son objection (obligatoire pour objecter").fill(
        "Les petites communes perdent leurs fournisseurs locaux."
    )
    lead.locator(f"#live-consent-answer-{pk}-objection").click()
    follows(member, "Les petites communes perdent leurs fournisseurs locaux.")
    follows(member, "C’est au tour de Zoé Zidane")
    lead.locator(f"#live-consent-answer-{pk}-consent").click()
    follows(member, "Tout le monde a répondu.")
    assert lead.locator(f"#live-consent-adopt-{pk}").is_disabled()  # the objection stands
    lead.locator(f"#live-consent-advance-{pk}").click()
    phase_is(member, pk, "intégration des objections")

    # Marc proposes an amendment that answers his objection, on the proposal's page.
    member.goto(reverse("decisions:proposal", args=[pk]))
    assert_accessible(member)
    member.get_by_text("Proposer un amendement").click()
    member.get_by_label("Texte amendé").fill(
        "Nous créons un groupement de commandes pour les fournitures, "
        "avec un lot réservé aux fournisseurs locaux."
    )
    member.get_by_label("Raison").fill("Garder les fournisseurs locaux.")
    member.get_by_label("Répond à l’objection").select_option(
        str(Objection.objects.get(proposal=proposal).pk)
    )
    member.get_by_role("button", name="Proposer l’amendement").click()
    member.wait_for_load_state("networkidle")
    member.goto(reverse("meetings:live", args=[meeting.pk]))

    # The facilitator's page shows the amendment (pushed) and integrates it.
    follows(lead, "Garder les fournisseurs locaux.")
    assert "lot réservé" in lead.locator(".proposal-diff ins").first.inner_text()
    lead.get_by_role("button", name="Intégrer l’amendement").click()
    follows(member, "intégrée par un amendement")
    lead.locator(f"#live-consent-advance-{pk}").click()
    phase_is(member, pk, "tour des objections · tour 2")

    # Second objections round: everyone consents; adoption.
    for name in ("Marc Membre", "Zoé Zidane"):
        follows(lead, f"C’est au tour de {name}")
        lead.locator(f"#live-consent-answer-{pk}-consent").click()
    follows(lead, "Tout le monde a répondu.")
    assert_accessible(lead)
    screenshot(lead, "consentement-en-direct-animation")
    lead.locator(f"#live-consent-adopt-{pk}").click()
    decision = None
    for _ in range(50):
        decision = Decision.objects.filter(proposal_id=pk).first()
        if decision is not None:
            break
        time.sleep(0.1)
    assert decision is not None
    follows(member, f"n° {decision.reference}")
    assert "lot réservé aux fournisseurs locaux" in decision.text
    assert set(decision.participants.all()) == {world.member, zoe}
    assert_accessible(member)
    screenshot(member, "consentement-en-direct-participant")

    # The body's proposals and the filing form pass axe too.
    lead.goto(reverse("decisions:body_proposals", args=[world.body.pk]))
    assert lead.get_by_role("link", name="Groupement de commandes").is_visible()
    assert_accessible(lead)
    lead.get_by_role("link", name="Déposer une proposition").click()
    lead.wait_for_load_state("networkidle")
    assert_accessible(lead)
