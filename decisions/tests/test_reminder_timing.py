"""A reminder never arrives with the notice that opens its round."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.models import Proposal
from decisions.proposals.services import proposal_advance, proposal_create, proposal_open
from decisions.tasks import REMIND_NOT_BEFORE, send_proposal_reminders

pytestmark = pytest.mark.django_db


def test_a_short_round_gets_its_opening_notice_then_a_reminder_hours_later(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    zoe = PersonFactory.create(first_name="Zoé", email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = proposal_create(
        body=world.body, proposer=world.member, title="Achats groupés", text="Texte."
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal_open(
            proposal=proposal,
            actor=world.member,
            start_phase=Proposal.Phase.OBJECTIONS,
            deadline=timezone.now() + timedelta(hours=30),  # within the 48 hours
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Nouvelle étape")
    # The hourly job runs in the same minute: no second mail on top of the notice.
    assert send_proposal_reminders() == 0
    assert send_proposal_reminders(now=timezone.now() + REMIND_NOT_BEFORE / 2) == 0
    later = timezone.now() + REMIND_NOT_BEFORE + timedelta(minutes=1)
    assert send_proposal_reminders(now=later) == 2  # Zoé and the member, still silent
    assert "Votre réponse est attendue" in mail.outbox[-1].subject


def test_a_new_phase_restarts_the_wait(world: World) -> None:
    proposal = proposal_create(
        body=world.body, proposer=world.member, title="Charte", text="Texte."
    )
    proposal_open(
        proposal=proposal,
        actor=world.member,
        deadline=timezone.now() + timedelta(hours=30),
    )
    Proposal.objects.filter(pk=proposal.pk).update(
        phase_opened_at=timezone.now() - timedelta(days=2)
    )
    proposal.refresh_from_db()
    proposal_advance(
        proposal=proposal, actor=world.member, deadline=timezone.now() + timedelta(hours=30)
    )
    proposal.refresh_from_db()
    assert proposal.phase_opened_at is not None
    assert timezone.now() - proposal.phase_opened_at < timedelta(minutes=1)
    assert send_proposal_reminders() == 0
