"""The daily digest's sections: an app above meetings adds its part through the registry
(meetings.digest), and one mail that fails to leave does not stop the others."""

from __future__ import annotations

import smtplib
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.models import Person
from conftest import World
from meetings import digest
from meetings.convocation import digest_send
from meetings.digest import DigestPart, DigestSection
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


class Notes:
    """A section of the test's own: one note per person; `taken` says who was told."""

    def __init__(self, notes: dict[int, str]) -> None:
        self.notes = notes
        self.taken: set[int] = set()

    def due(self, today: date) -> dict[int, str]:
        return {pk: note for pk, note in self.notes.items() if pk not in self.taken}

    def claim(self, note: str, today: date) -> bool:
        pk = next(pk for pk, text in self.notes.items() if text == note)
        if pk in self.taken:
            return False
        self.taken.add(pk)
        return True

    def render(self, note: str, today: date) -> DigestPart:
        return DigestPart(
            subject="1 note", text=f"Note : {note}\n", html=mark_safe(f"<p>{note}</p>")
        )


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> Notes:
    """Only the test's section is registered while the test runs."""
    section = Notes({})
    monkeypatch.setattr(
        digest,
        "_sections",
        {"notes": DigestSection(due=section.due, claim=section.claim, render=section.render)},
    )
    return section


def _digest_people(*people: Person) -> None:
    for person in people:
        person.notifications = Person.Notifications.DIGEST
        person.save()


def _since() -> Any:
    return timezone.now() - timedelta(hours=24)


def test_a_section_alone_sends_a_digest_with_its_part(world: World, notes: Notes) -> None:
    _digest_people(world.member)
    notes.notes[world.member.pk] = "relire la convention"
    assert digest_send(since=_since()) == 1
    message = mail.outbox[0]
    assert message.subject == "Codir : 1 note"
    assert "Note : relire la convention" in message.body
    assert "points proposés" not in message.body
    assert isinstance(message, EmailMultiAlternatives)
    assert "<p>relire la convention</p>" in str(message.alternatives[0][0])
    # Claimed: a second run the same day says nothing more.
    assert digest_send(since=_since()) == 0


def test_proposals_come_first_in_the_subject(world: World, notes: Notes) -> None:
    _digest_people(world.member)
    notes.notes[world.member.pk] = "relire la convention"
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.admin)
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.admin)
    assert digest_send(since=_since()) == 1
    assert mail.outbox[0].subject == "Codir : 2 nouveaux points proposés et 1 note"


def test_a_part_claimed_by_another_run_is_left_out(
    world: World, notes: Notes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _digest_people(world.member)
    notes.notes[world.member.pk] = "relire la convention"
    # Due when the digest starts, but another run told the person in the meantime.
    monkeypatch.setattr(notes, "claim", lambda note, today: False)
    monkeypatch.setitem(
        digest._sections,
        "notes",
        DigestSection(due=notes.due, claim=notes.claim, render=notes.render),
    )
    assert digest_send(since=_since()) == 0
    assert mail.outbox == []


def test_one_failing_mail_does_not_stop_the_others(
    world: World, notes: Notes, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _digest_people(world.member, world.admin)
    notes.notes.update({world.member.pk: "première", world.admin.pk: "seconde"})
    send = EmailMultiAlternatives.send

    def refused_for_the_member(self: EmailMultiAlternatives, *args: Any, **kwargs: Any) -> int:
        if self.to == [world.member.email]:
            raise smtplib.SMTPRecipientsRefused({world.member.email: (550, b"refused")})
        return send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refused_for_the_member)
    assert digest_send(since=_since()) == 1
    assert [message.to for message in mail.outbox] == [[world.admin.email]]
    assert f"person {world.member.pk}" in caplog.text
