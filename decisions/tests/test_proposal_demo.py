"""The demo proposal: the codir's asynchronous consent round, made through the services,
with some members answered, one objection open and others not yet; loading twice
creates nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from decisions.consent.outcomes import adoption_blockers
from decisions.consent.rules import waiting_for
from decisions.demo.governance import demo_framework
from decisions.demo.proposals import OBJECT, demo_proposals
from decisions.models import Amendment, Objection, Proposal, ProposalVersion, Turn
from demo.loader import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Proposal:
    territory = demo_load()
    demo_framework(territory)
    proposal = demo_proposals(territory)
    assert proposal is not None
    return proposal


def test_demo_proposal_is_an_open_async_consent_round(demo: Proposal) -> None:
    proposal = demo
    assert proposal.mode == Proposal.Mode.ASYNC
    assert proposal.phase == Proposal.Phase.OBJECTIONS
    assert proposal.deadline is not None
    assert timedelta(days=4) < proposal.deadline - timezone.now() <= timedelta(days=5)
    assert proposal.object is not None and proposal.object.title == OBJECT
    answered = Turn.objects.filter(proposal=proposal, phase=Proposal.Phase.OBJECTIONS)
    assert answered.filter(answer=Turn.Answer.CONSENT).count() == 5
    assert Objection.objects.get(proposal=proposal).status == Objection.Status.OPEN
    statuses = sorted(Amendment.objects.filter(proposal=proposal).values_list("status", flat=True))
    assert statuses == [Amendment.Status.INTEGRATED, Amendment.Status.PROPOSED]
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 2
    assert len(waiting_for(proposal)) == 3
    assert adoption_blockers(proposal)


def test_demo_proposal_is_idempotent(demo: Proposal) -> None:
    counts = (Proposal.objects.count(), Turn.objects.count(), Amendment.objects.count())
    again = demo_proposals(demo.body.territory)
    assert again == demo
    assert (Proposal.objects.count(), Turn.objects.count(), Amendment.objects.count()) == counts


def test_demo_proposal_page_opens(demo: Proposal) -> None:
    page = client_for(demo.proposer).get(demo.get_absolute_url()).content.decode()
    assert "6 sur 9 ont répondu" in page
    assert "pas encore répondu" in page


def test_loading_the_demo_mails_nobody(django_capture_on_commit_callbacks: object) -> None:
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        demo_load()
    assert mail.outbox == []
