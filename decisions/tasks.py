"""Reminders of asynchronous proposals, and their background job (django-tasks).

A participant who has not answered the current round of an asynchronous proposal is
e-mailed when its deadline is less than 48 hours away: once per person, phase and round
(ProposalReminder). The reminder leaves at once whatever the person's e-mail preference:
it is about a deadline, which the next day's digest could miss. A passed deadline adopts
nothing (decisions/consent/outcomes.py): silence is never consent.

Run `manage.py send_proposal_reminders` every hour (cron or a systemd timer), or enqueue
`proposal_reminders`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from accounts.models import Person
from core.mail import send_one
from core.validators import one_line
from decisions.consent.rules import TURN_PHASES, participants, waiting_for
from decisions.models import Proposal, ProposalReminder

REMIND_BEFORE = timedelta(hours=48)
# A round that opens with its deadline less than 48 hours away is announced by its
# opening notice: the reminder waits this long after the opening, so that the two never
# arrive together (and a round shorter than this is not reminded at all).
REMIND_NOT_BEFORE = timedelta(hours=12)


def due_proposals(now: datetime) -> list[Proposal]:
    """Asynchronous proposals in a round whose deadline is within 48 hours, opened at
    least REMIND_NOT_BEFORE ago."""
    return list(
        Proposal.objects.filter(
            Q(phase_opened_at__isnull=True) | Q(phase_opened_at__lte=now - REMIND_NOT_BEFORE),
            mode=Proposal.Mode.ASYNC,
            phase__in=TURN_PHASES,
            deadline__gt=now,
            deadline__lte=now + REMIND_BEFORE,
        )
        .select_related("body")
        .order_by("deadline", "pk")
    )


class _NotSent(Exception):
    """Rolls back the record of a reminder whose mail did not leave."""


def _remind(proposal: Proposal, person: Person, now: datetime) -> bool:
    """Record the reminder and send it in one transaction: False if it was already sent (a
    second run, or another process at the same moment: the unique constraint decides) or
    if the mail failed, which rolls the record back so that the next run tries again."""
    try:
        with transaction.atomic():
            ProposalReminder.objects.create(
                proposal=proposal,
                phase=proposal.phase,
                round_number=proposal.round_number,
                person=person,
                sent_at=now,
            )
            if not send_one(
                reminder_mail(proposal, person),
                what=f"reminder of proposal {proposal.pk} to person {person.pk}",
            ):
                raise _NotSent
    except (IntegrityError, _NotSent):
        return False
    return True


@dataclass(frozen=True)
class Round:
    """The round a mail is about: by default the proposal's current one; a queued
    notice gives the one it was queued for."""

    phase: str
    round_number: int
    deadline: datetime | None

    @classmethod
    def current(cls, proposal: Proposal) -> Round:
        return cls(proposal.phase, proposal.round_number, proposal.deadline)


def round_mail(
    proposal: Proposal, person: Person, *, opening: bool = False, round_: Round | None = None
) -> EmailMultiAlternatives:
    """The mail that asks a participant for their answer: when a round opens
    (`opening`), or as a reminder before its deadline."""
    round_ = round_ or Round.current(proposal)
    context = {
        "proposal": proposal,
        "person": person,
        "deadline": round_.deadline,
        "phase_label": dict(Proposal.Phase.choices).get(round_.phase, round_.phase),
        "opening": opening,
        "url": settings.SITE_URL + proposal.get_absolute_url(),
    }
    # A title stored before single-line fields refused line breaks must not break the mail.
    subject = one_line(render_to_string("decisions/emails/reminder_subject.txt", context))
    context["subject"] = subject
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("decisions/emails/reminder.txt", context),
        to=[person.email],
    )
    mail.attach_alternative(
        render_to_string("decisions/emails/reminder.html", context), "text/html"
    )
    return mail


def reminder_mail(proposal: Proposal, person: Person) -> EmailMultiAlternatives:
    return round_mail(proposal, person)


def send_round_opened(
    proposal_id: int,
    actor_id: int | None = None,
    *,
    phase: str | None = None,
    round_number: int | None = None,
    deadline: str | None = None,
) -> int:
    """Tell every participant of an asynchronous proposal (the one who opened the round
    aside) that a round is open and waits for their answer. At once, whatever their
    e-mail preference: the round has a deadline. Returns the number of mails sent.

    `phase`, `round_number` and `deadline` (ISO) are those of the round the notice was
    queued for: it goes out titled with that phase even if the proposal has moved on
    since (two quick advances queue two notices, and both leave). A proposal closed in
    the meantime (adopted, withdrawn) needs no notice."""
    proposal = Proposal.objects.select_related("body").filter(pk=proposal_id).first()
    if proposal is None or proposal.mode != Proposal.Mode.ASYNC or not proposal.is_open:
        return 0
    if phase is None:  # a notice queued before notices carried their round
        if proposal.phase not in TURN_PHASES:
            return 0
        round_ = Round.current(proposal)
    else:
        round_ = Round(
            phase=phase,
            round_number=round_number or proposal.round_number,
            deadline=datetime.fromisoformat(deadline) if deadline else None,
        )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for person in participants(proposal):
            if person.pk == actor_id or not person.is_active or not person.email:
                continue
            mail = round_mail(proposal, person, opening=True, round_=round_)
            if send_one(mail, what=f"round notice of proposal {proposal.pk} to {person.pk}"):
                sent += 1
    return sent


@task()
def proposal_round_opened(
    proposal_id: int,
    actor_id: int | None = None,
    phase: str | None = None,
    round_number: int | None = None,
    deadline: str | None = None,
) -> int:
    """The notice of a new round as a background job, with the round it was queued for."""
    return send_round_opened(
        proposal_id, actor_id, phase=phase, round_number=round_number, deadline=deadline
    )


def send_proposal_reminders(now: datetime | None = None) -> int:
    """Remind each participant who has not answered a round closing within 48 hours.
    One mail that fails is logged and recorded as not sent; the others leave.
    Returns the number of mails sent."""
    now = now or timezone.now()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for proposal in due_proposals(now):
            already = set(
                ProposalReminder.objects.filter(
                    proposal=proposal, phase=proposal.phase, round_number=proposal.round_number
                ).values_list("person_id", flat=True)
            )
            for person in waiting_for(proposal):
                if person.pk in already or not person.is_active or not person.email:
                    continue
                if _remind(proposal, person, now):
                    sent += 1
    return sent


@task()
def proposal_reminders() -> int:
    """The reminders as a background job."""
    return send_proposal_reminders()
