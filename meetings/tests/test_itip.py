"""Answers sent by calendars (iTIP REPLY) as Outlook and Thunderbird write them, read by
`read_itip_reply` from standard input or an IMAP mailbox."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.itip import calendar_parts, read_reply_message
from meetings.models import Attendance, Meeting
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
OUTLOOK = (FIXTURES / "itip_reply_outlook_accepted.eml").read_bytes()
THUNDERBIRD = (FIXTURES / "itip_reply_thunderbird_declined.eml").read_bytes()


@pytest.fixture
def meeting(world):
    # The fixtures answer the invitation of meeting 4217 (UID meeting-4217@codir).
    return MeetingFactory.create(pk=4217, body=world.body, status=Meeting.Status.CONVENED)


def thunderbird_with(old: bytes, new: bytes) -> bytes:
    """The Thunderbird answer with one change in its calendar, in both of its parts."""
    message = message_from_bytes(THUNDERBIRD, policy=policy.default)
    calendar = calendar_parts(message)[0].replace(old, new)
    changed = EmailMessage()
    for header in ("From", "To", "Subject", "Date", "Message-ID"):
        changed[header] = message[header]
    changed.set_content("Réponse")
    changed.add_alternative(calendar.decode(), subtype="calendar", params={"method": "REPLY"})
    changed.add_attachment(calendar, maintype="application", subtype="ics", filename="invite.ics")
    return changed.as_bytes()


def replies(meeting):
    return dict(
        Attendance.objects.filter(meeting=meeting)
        .exclude(reply="")
        .values_list("person__email", "reply")
    )


def test_outlook_acceptance_is_recorded(world, meeting):
    outcome = read_reply_message(OUTLOOK)
    assert replies(meeting) == {"membre@example.fr": Attendance.Reply.COMING}
    assert outcome.recorded[0].reply_channel == Attendance.ReplyChannel.CALENDAR
    assert outcome.ignored == []


def test_thunderbird_decline_is_recorded_once(world, meeting):
    # Thunderbird sends the calendar twice: as the text/calendar alternative and as
    # invite.ics in base64.
    outcome = read_reply_message(THUNDERBIRD)
    assert replies(meeting) == {"invitee@example.fr": Attendance.Reply.EXCUSED}
    assert len(outcome.recorded) == 1


def test_tentative_becomes_maybe(world, meeting):
    raw = thunderbird_with(b"PARTSTAT=DECLINED", b"PARTSTAT=TENTATIVE")
    read_reply_message(raw)
    assert replies(meeting) == {"invitee@example.fr": Attendance.Reply.TENTATIVE}


def test_a_reply_from_another_address_is_ignored(world, meeting):
    forged = OUTLOOK.replace(b"From: Marc Membre <membre@example.fr>", b"From: x@evil.example")
    outcome = read_reply_message(forged)
    assert replies(meeting) == {}
    assert "answered from x@evil.example" in outcome.ignored[0]


def test_an_unknown_meeting_is_ignored(world):
    outcome = read_reply_message(OUTLOOK)
    assert outcome.recorded == []
    assert "unknown meeting" in outcome.ignored[0]


def test_someone_not_invited_is_ignored(world, meeting):
    # Lou Seul answers, from her own address, an invitation she did not receive.
    raw = thunderbird_with(b"invitee@example.fr", b"seul@example.fr").replace(
        b"invitee@example.fr", b"seul@example.fr"
    )
    outcome = read_reply_message(raw)
    assert replies(meeting) == {}
    assert outcome.ignored


def test_a_request_is_not_a_reply(world, meeting):
    raw = thunderbird_with(b"METHOD:REPLY", b"METHOD:REQUEST")
    assert read_reply_message(raw).recorded == []
    assert replies(meeting) == {}


def test_command_reads_standard_input_and_never_crashes(world, meeting):
    out = StringIO()
    call_command("read_itip_reply", stdin=BytesIO(OUTLOOK), stdout=out)
    assert "1 réponse(s) enregistrée(s)" in out.getvalue()
    assert replies(meeting) == {"membre@example.fr": Attendance.Reply.COMING}
    for garbage in (b"", b"\x00\xff not a mail", b"Content-Type: text/calendar\n\nBEGIN:VCAL"):
        call_command("read_itip_reply", stdin=BytesIO(garbage), stdout=StringIO())


class FakeImap:
    """imaplib.IMAP4_SSL's few calls, over two unread mails."""

    instances: list[FakeImap] = []

    def __init__(self, host: str, port: int) -> None:
        self.address = (host, port)
        self.seen: list[bytes] = []
        FakeImap.instances.append(self)

    def __enter__(self) -> FakeImap:
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def login(self, user: str, password: str) -> None:
        self.user = user

    def select(self, folder: str) -> None:
        self.folder = folder

    def search(self, charset: None, criterion: str) -> tuple[str, list[bytes]]:
        assert criterion == "UNSEEN"
        return "OK", [b"1 2"]

    def fetch(self, number: bytes, parts: str) -> tuple[str, list[object]]:
        raw = OUTLOOK if number == b"1" else THUNDERBIRD
        return "OK", [(b"1 (RFC822 {%d}" % len(raw), raw), b")"]

    def store(self, number: bytes, command: str, flags: str) -> None:
        self.seen.append(number)


def test_command_polls_the_imap_mailbox(world, meeting, settings, monkeypatch):
    settings.ITIP_IMAP_HOST = "imap.codir.example.fr"
    settings.ITIP_IMAP_USER = "reponses"
    monkeypatch.setattr("imaplib.IMAP4_SSL", FakeImap)
    out = StringIO()
    call_command("read_itip_reply", "--imap", stdout=out)
    assert "2 message(s) lu(s), 2 réponse(s) enregistrée(s)" in out.getvalue()
    imap = FakeImap.instances[-1]
    assert imap.address == ("imap.codir.example.fr", 993) and imap.seen == [b"1", b"2"]
    assert replies(meeting) == {
        "membre@example.fr": Attendance.Reply.COMING,
        "invitee@example.fr": Attendance.Reply.EXCUSED,
    }
