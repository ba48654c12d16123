"""Reminders of asynchronous proposals: only those who have not answered, only when the
deadline is within 48 hours, once per person and round, in French; a passed deadline
adopts nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.models import Proposal, ProposalReminder, Turn
from decisions.proposals.services import Handling, proposal_advance, proposal_create, proposal_open
from decisions.proposals.turns import turn_record
from decisions.tasks import proposal_reminders, send_proposal_reminders
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def open_round(world: World, hours: int, opened_hours_ago: int = 24) -> Proposal:
    """An objections round closing in `hours`, opened `opened_hours_ago` (a day ago by
    default: a reminder never follows the opening at once, test_reminder_timing.py)."""
    proposal = proposal_create(
        body=world.body, proposer=world.member, title="Achats groupés", text="Texte."
    )
    proposal_open(
        proposal=proposal,
        actor=world.member,
        start_phase=Proposal.Phase.OBJECTIONS,
        deadline=timezone.now() + timedelta(hours=hours),
    )
    opened = timezone.now() - timedelta(hours=opened_hours_ago)
    Proposal.objects.filter(pk=proposal.pk).update(phase_opened_at=opened)
    return proposal


def test_reminds_only_those_who_have_not_answered(world: World) -> None:
    zoe = PersonFactory.create(first_name="Zoé", email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = open_round(world, hours=30)
    turn_record(
        proposal=proposal,
        person=world.member,
        answer=Turn.Answer.CONSENT,
        recorded_by=world.member,
    )
    assert send_proposal_reminders() == 1
    assert [m.to for m in mail.outbox] == [["zoe@example.fr"]]
    message = mail.outbox[0]
    assert "Achats groupés" in message.subject
    assert "Le silence ne vaut jamais consentement" in str(message.body)
    assert proposal.get_absolute_url() in str(message.body)
    # Once per person and round.
    assert send_proposal_reminders() == 0
    call_command("send_proposal_reminders")
    assert len(mail.outbox) == 1
    assert ProposalReminder.objects.get().person == zoe
    # A new round reminds again.
    Proposal.objects.filter(pk=proposal.pk).update(round_number=2)
    assert send_proposal_reminders() == 2


def test_no_reminder_far_from_the_deadline_or_after_it(world: World) -> None:
    open_round(world, hours=72)
    assert send_proposal_reminders() == 0
    late = open_round(world, hours=1)
    assert send_proposal_reminders() == 1
    mail.outbox.clear()
    assert send_proposal_reminders(now=timezone.now() + timedelta(hours=2)) == 0
    late.refresh_from_db()
    assert late.phase == Proposal.Phase.OBJECTIONS  # a passed deadline adopts nothing


def test_live_proposals_are_not_reminded(world: World) -> None:
    proposal = open_round(world, hours=10)
    Proposal.objects.filter(pk=proposal.pk).update(mode=Proposal.Mode.LIVE)
    assert send_proposal_reminders() == 0


def test_the_task_sends_them(world: World) -> None:
    open_round(world, hours=10)
    result = proposal_reminders.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_an_asynchronous_round_that_opens_is_announced_to_the_others(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    zoe = PersonFactory.create(first_name="Zoé", email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = open_round(world, hours=96)
    # The member who opened it is not told; the other participant is, with the deadline.
    assert [m.to for m in mail.outbox] == [["zoe@example.fr"]]
    assert "Nouvelle étape" in mail.outbox[0].subject
    assert "votre réponse est attendue" in str(mail.outbox[0].body)
    assert proposal.get_absolute_url() in str(mail.outbox[0].body)


def test_a_live_round_is_not_announced_by_mail(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    proposal = proposal_create(
        body=world.body,
        proposer=world.member,
        title="En séance",
        text="Texte.",
        handling=Handling(
            mode=Proposal.Mode.LIVE,
            item=AgendaItemFactory.create(meeting=MeetingFactory.create(body=world.body)),
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal_open(proposal=proposal, actor=world.member)
        proposal_advance(proposal=proposal, actor=world.member)
    assert mail.outbox == []


def test_each_queued_notice_keeps_its_phase_after_quick_advances(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # The real queue: notices wait in the database until the worker runs.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    zoe = PersonFactory.create(first_name="Zoé", email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = proposal_create(
        body=world.body, proposer=world.member, title="Achats groupés", text="Texte."
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal_open(proposal=proposal, actor=world.member)  # presentation: no round
        proposal_advance(proposal=proposal, actor=world.member)  # clarifying questions
        proposal_advance(proposal=proposal, actor=world.member)  # reactions
    proposal.refresh_from_db()
    assert proposal.phase == Proposal.Phase.REACTIONS
    assert mail.outbox == []  # queued, not sent
    # Run the queue as the worker does: each stored task with its stored (JSON) arguments.
    # (Not the db_worker command itself: on PostgreSQL it opens its own connection, which
    # the test's transaction forbids.)
    from django_tasks_db.models import DBTaskResult

    for row in DBTaskResult.objects.ready().order_by("enqueued_at"):
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    subjects = sorted(m.subject for m in mail.outbox)
    assert [m.to for m in mail.outbox] == [["zoe@example.fr"], ["zoe@example.fr"]]
    assert subjects == [
        "Nouvelle étape (questions de clarification) : « Achats groupés »",
        "Nouvelle étape (réactions) : « Achats groupés »",
    ]
    clarifying = next(m for m in mail.outbox if "clarification" in m.subject)
    assert "Une nouvelle étape s’ouvre, questions de clarification" in str(clarifying.body)


def test_a_notice_for_a_proposal_withdrawn_meanwhile_is_not_sent(world: World) -> None:
    from decisions.proposals.services import proposal_withdraw
    from decisions.tasks import send_round_opened

    zoe = PersonFactory.create(email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = open_round(world, hours=96)
    mail.outbox.clear()
    proposal_withdraw(proposal=proposal, actor=world.member)
    assert send_round_opened(proposal.pk, world.member.pk, phase="objections") == 0
    assert mail.outbox == []
