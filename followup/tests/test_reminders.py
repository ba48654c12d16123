from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from conftest import World
from decisions.tests.factories import DecisionFactory
from followup.models import FollowupReminder, Status
from followup.reminders import DIGEST_SECTION
from followup.tasks import reminders_send
from followup.tests.factories import ActionFactory, ImplementationFactory
from meetings.convocation import digest_send
from meetings.digest import digest_sections

pytestmark = pytest.mark.django_db


def _days(n: int) -> object:
    return timezone.localdate() + timedelta(days=n)


def _digest_person(world: World) -> Person:
    world.member.notifications = Person.Notifications.DIGEST
    world.member.save()
    return world.member


def test_owner_of_overdue_and_soon_actions_gets_one_mail_in_french(world: World) -> None:
    ActionFactory.create(
        body=world.body, title="Signer la convention", owner=world.admin, due_on=_days(-2)
    )
    ActionFactory.create(
        body=world.body, title="Préparer le budget", owner=world.admin, due_on=_days(3)
    )
    decision = DecisionFactory.create(body=world.body, title="Achats groupés")
    ImplementationFactory.create(
        decision=decision, organisation=world.commune, owner=world.admin, due_on=_days(1)
    )
    assert reminders_send() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.admin.email]
    assert message.subject == "Codir : 3 actions à suivre"
    assert "Bonjour Adèle" in message.body
    assert "Signer la convention" in message.body and "en retard" in message.body
    assert "Préparer le budget" in message.body
    assert "Saint-Essai" in message.body and "Achats groupés" in message.body
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "Signer la convention" in str(html)


def test_nothing_far_done_or_unowned_is_reminded(world: World) -> None:
    ActionFactory.create(body=world.body, owner=world.admin, due_on=_days(4))
    ActionFactory.create(body=world.body, owner=world.admin, due_on=_days(-4), status=Status.DONE)
    ActionFactory.create(
        body=world.body, owner=world.admin, due_on=_days(-4), status=Status.ABANDONED
    )
    ActionFactory.create(body=world.body, owner=None, due_on=_days(-4))
    ActionFactory.create(body=world.body, owner=world.admin, due_on=None)
    assert reminders_send() == 0
    assert mail.outbox == []


def test_nobody_is_reminded_twice_the_same_day(world: World) -> None:
    ActionFactory.create(body=world.body, owner=world.admin, due_on=_days(-1))
    assert reminders_send() == 1
    assert reminders_send() == 0
    call_command("send_followup_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert FollowupReminder.objects.get().channel == FollowupReminder.Channel.MAIL
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert reminders_send(today=tomorrow) == 1
    assert len(mail.outbox) == 2


def test_blocked_actions_are_reminded(world: World) -> None:
    ActionFactory.create(
        body=world.body, owner=world.admin, due_on=_days(-1), status=Status.BLOCKED
    )
    assert reminders_send() == 1


def test_action_done_before_the_mail_leaves_is_not_sent(world: World) -> None:
    from followup.reminders import send_reminder_mail

    action = ActionFactory.create(body=world.body, owner=world.admin, due_on=_days(-1))
    action.status = Status.DONE
    action.save()
    sent = send_reminder_mail(
        person_id=world.admin.pk,
        action_ids=[action.pk],
        row_ids=[],
        today=_days(0),  # type: ignore[arg-type]
    )
    assert sent == 0 and mail.outbox == []


def test_followup_adds_its_section_to_the_digest_at_startup() -> None:
    assert DIGEST_SECTION in digest_sections()


def test_digest_people_get_reminders_in_their_digest_only(world: World) -> None:
    person = _digest_person(world)
    ActionFactory.create(
        body=world.body, title="Mettre à jour l'annuaire", owner=person, due_on=_days(-1)
    )
    assert reminders_send() == 0
    assert mail.outbox == []
    since = timezone.now() - timedelta(hours=24)
    # A digest with nothing but the follow-up is still sent.
    assert digest_send(since=since) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Codir : 1 action à suivre"
    assert "Mettre à jour l'annuaire" in message.body
    assert "Suivi des décisions" in message.body
    assert "points proposés" not in message.body
    assert FollowupReminder.objects.get(person=person).channel == FollowupReminder.Channel.DIGEST
    # A second digest the same day does not repeat the reminder.
    assert digest_send(since=since) == 0
    assert len(mail.outbox) == 1


def test_digest_with_items_and_reminders_says_both(world: World) -> None:
    from meetings.models import Meeting
    from meetings.tests.factories import AgendaItemFactory, MeetingFactory

    person = _digest_person(world)
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    AgendaItemFactory.create(meeting=meeting, title="Budget annexe", proposed_by=world.admin)
    ActionFactory.create(body=world.body, title="Relancer la CAF", owner=person, due_on=_days(0))
    assert digest_send(since=timezone.now() - timedelta(hours=24)) == 1
    message = mail.outbox[0]
    assert message.subject == "Codir : 1 nouveau point proposé et 1 action à suivre"
    assert "Budget annexe" in message.body and "Relancer la CAF" in message.body


def test_immediate_people_get_nothing_from_the_digest(world: World) -> None:
    ActionFactory.create(body=world.body, owner=world.admin, due_on=_days(-1))
    assert digest_send(since=timezone.now() - timedelta(hours=24)) == 0
    assert not FollowupReminder.objects.exists()


def test_inactive_owner_is_not_reminded(world: World) -> None:
    gone = PersonFactory.create(is_active=False)
    ActionFactory.create(body=world.body, owner=gone, due_on=_days(-1))
    assert reminders_send() == 0


def test_a_digest_that_does_not_leave_keeps_its_reminders_for_the_next_run(world: World) -> None:
    """The follow-up's claim is recorded with the digest: if the mail fails, the claim
    is rolled back and the next run tells the person (never recorded as sent unsent)."""
    import smtplib
    from unittest import mock

    from django.core.mail import EmailMultiAlternatives

    person = _digest_person(world)
    ActionFactory.create(body=world.body, title="Relancer", owner=person, due_on=_days(-1))
    since = timezone.now() - timedelta(hours=24)
    down = smtplib.SMTPServerDisconnected("server gone")
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=down):
        assert digest_send(since=since) == 0
    assert not FollowupReminder.objects.filter(person=person).exists()
    assert digest_send(since=since) == 1
    assert "Relancer" in mail.outbox[0].body
    assert FollowupReminder.objects.filter(person=person).count() == 1
