"""The reminder 30 days before a term ends: to the holder and the facilitator, once."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from elections.models import Election, TermReminder
from elections.tasks import send_term_reminders, term_reminders_send
from elections.tests.conftest import Voters

pytestmark = pytest.mark.django_db
R = BodyMembership.Role


def _ending(voters: Voters, person: object, role: str, days: int) -> BodyMembership:
    return MembershipFactory.create(
        body=voters.world.body,
        person=person,
        role=role,
        start_date=date(2024, 1, 1),
        end_date=timezone.localdate() + timedelta(days=days),
    )


def test_the_holder_and_the_facilitator_are_reminded_once(voters: Voters) -> None:
    seat = _ending(voters, voters.bruno, R.SECRETARY, 30)
    _ending(voters, voters.chloe, R.SECRETARY, 31)  # not yet
    call_command("send_term_reminders", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [voters.bruno.email, voters.facilitator.email]
    holder_mail = next(m for m in mail.outbox if m.to == [voters.bruno.email])
    assert holder_mail.subject.startswith("Fin de mandat le")
    assert "Votre mandat de secrétaire de séance" in holder_mail.body
    assert "/elections/instance/" in holder_mail.body
    other = next(m for m in mail.outbox if m.to == [voters.facilitator.email])
    assert "Le mandat de Bruno Berger" in other.body
    assert TermReminder.objects.get().seat == seat
    call_command("send_term_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_the_facilitator_reminded_of_their_own_term_gets_one_mail(voters: Voters) -> None:
    voters.facilitator_seat.end_date = timezone.localdate() + timedelta(days=10)
    voters.facilitator_seat.save()
    assert term_reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[voters.facilitator.email]]


def test_members_and_past_terms_are_not_reminded(voters: Voters) -> None:
    _ending(voters, voters.bruno, R.MEMBER, 10)
    _ending(voters, voters.chloe, R.SECRETARY, -1)
    assert term_reminders_send() == 0
    assert mail.outbox == []


def test_a_delegate_reminder_goes_to_the_electing_body_facilitator(voters: Voters) -> None:
    target = BodyFactory.create(territory=voters.world.territory, name="Conférence des maires")
    seat = MembershipFactory.create(
        body=target,
        person=voters.chloe,
        role=R.DELEGATE,
        capacity="délégué·e de Conférence des DGS",
        start_date=date(2024, 1, 1),
        end_date=timezone.localdate() + timedelta(days=5),
    )
    Election.objects.create(
        body=voters.world.body,
        role=Election.Role.DELEGATE,
        target_body=target,
        description="Porte la parole.",
        phase=Election.Phase.ASSIGNED,
        elected=voters.chloe,
        seat=seat,
    )
    send_term_reminders.enqueue()
    assert sorted(m.to[0] for m in mail.outbox) == [voters.chloe.email, voters.facilitator.email]
