"""Reading the answers calendars send to an invitation (iTIP REPLY, RFC 5546).

The invitation names the platform's answer address as its ORGANIZER (meetings/ics.py,
settings.CALENDAR_REPLY_EMAIL). When an invitee clicks "Accepter" or "Refuser" in
Outlook or Thunderbird, their calendar mails a METHOD:REPLY calendar there, whose
ATTENDEE line carries their PARTSTAT. The command `read_itip_reply` hands each mail to
`read_reply_message`, which records the answer as if given on the meeting page.

How PARTSTAT maps to an answer (meetings/rsvp.py):
- ACCEPTED → "vient";
- DECLINED → "excusé·e";
- TENTATIVE → "peut-être" (shown apart; the secretary records it at the meeting);
- DELEGATED → "se fait représenter" when DELEGATED-TO names someone who may
  represent the invitee (their organisation), otherwise "excusé·e";
- anything else (NEEDS-ACTION) → ignored.

A mail is anyone's to write: an answer is recorded only when its UID is one of our
meetings, its ATTENDEE is an invitee of that meeting and the mail comes from that same
address. Everything else (another method, an unknown meeting or person, a sender who is
not the attendee, a damaged calendar) is ignored with a log line, never an error: a
mail server piping mail to the command must not bounce it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from email.utils import getaddresses, parseaddr
from typing import Any

from django.core.exceptions import ValidationError
from icalendar import Calendar

from accounts.models import Person
from meetings.models import Attendance, Meeting
from meetings.rsvp import attendance_reply, proxy_choices

logger = logging.getLogger(__name__)

UID_PATTERN = re.compile(r"^meeting-(\d+)@codir$")
PARTSTATS = {
    "ACCEPTED": Attendance.Reply.COMING,
    "DECLINED": Attendance.Reply.EXCUSED,
    "TENTATIVE": Attendance.Reply.TENTATIVE,
    "DELEGATED": Attendance.Reply.REPRESENTED,
}
CALENDAR_TYPES = ("text/calendar", "application/ics")


@dataclass
class ReplyOutcome:
    """What one mail gave: the answers recorded, and why the rest was ignored."""

    recorded: list[Attendance] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def ignore(self, reason: str, *args: object) -> None:
        message = reason % args if args else reason
        logger.warning("Calendar reply ignored: %s", message)
        self.ignored.append(message)


def _address(value: object) -> str:
    """The e-mail address of a CAL-ADDRESS ("mailto:x@y", any case), lower-cased."""
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def calendar_parts(message: Message) -> list[bytes]:
    """The calendars a mail carries: the text/calendar alternative (Outlook, base64 or
    not) and the .ics attachment (Thunderbird sends both, the same calendar)."""
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = (part.get_filename() or "").lower()
        if part.get_content_type() in CALENDAR_TYPES or filename.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                parts.append(payload)
    return parts


def read_reply_message(raw: bytes) -> ReplyOutcome:
    """Record the answers of one mail (its raw bytes, as piped by a mail server)."""
    outcome = ReplyOutcome()
    message = message_from_bytes(raw, policy=policy.default)
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    parts = calendar_parts(message)
    if not parts:
        outcome.ignore("no calendar in the mail from %s", sender or "?")
    seen: set[tuple[int, str, str]] = set()
    for payload in parts:
        try:
            calendar = Calendar.from_ical(payload)
        except ValueError as error:
            outcome.ignore("unreadable calendar from %s (%s)", sender or "?", error)
            continue
        method = str(calendar.get("METHOD", "")).upper()
        if method != "REPLY":
            outcome.ignore("method %s, not REPLY, from %s", method or "?", sender or "?")
            continue
        for event in calendar.walk("VEVENT"):
            _read_event(event, sender, outcome, seen)
    return outcome


def _attendees(event: Any) -> list[Any]:
    found = event.get("ATTENDEE")
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def _read_event(
    event: Any, sender: str, outcome: ReplyOutcome, seen: set[tuple[int, str, str]]
) -> None:
    uid = str(event.get("UID", ""))
    match = UID_PATTERN.match(uid)
    meeting = (
        Meeting.objects.select_related("body").filter(pk=int(match.group(1))).first()
        if match
        else None
    )
    if meeting is None:
        outcome.ignore("unknown meeting %r from %s", uid, sender or "?")
        return
    for attendee in _attendees(event):
        address = _address(attendee)
        partstat = str(attendee.params.get("PARTSTAT", "")).upper()
        if (meeting.pk, address, partstat) in seen:
            continue  # the same calendar twice (Thunderbird: alternative and attachment)
        seen.add((meeting.pk, address, partstat))
        if address != sender:
            outcome.ignore("attendee %s answered from %s (meeting %s)", address, sender, meeting.pk)
            continue
        reply = PARTSTATS.get(partstat)
        if reply is None:
            outcome.ignore("PARTSTAT %r of %s (meeting %s)", partstat, address, meeting.pk)
            continue
        person = Person.objects.filter(email__iexact=address, is_active=True).first()
        if person is None:
            outcome.ignore("nobody with the address %s (meeting %s)", address, meeting.pk)
            continue
        proxy = None
        if reply == Attendance.Reply.REPRESENTED:
            proxy = _delegate(attendee, meeting, person)
            if proxy is None:
                reply = Attendance.Reply.EXCUSED
        try:
            recorded = attendance_reply(
                meeting=meeting,
                person=person,
                reply=reply,
                proxy=proxy,
                channel=Attendance.ReplyChannel.CALENDAR,
            )
        except ValidationError as error:
            outcome.ignore("%s (meeting %s): %s", address, meeting.pk, " ".join(error.messages))
            continue
        logger.info("Calendar reply: %s %s for meeting %s", address, reply, meeting.pk)
        outcome.recorded.append(recorded)


def _delegate(attendee: Any, meeting: Meeting, person: Person) -> Person | None:
    """The person named in DELEGATED-TO, when they may represent `person`."""
    targets = str(attendee.params.get("DELEGATED-TO", ""))
    addresses = {_address(a) for _name, a in getaddresses([targets.replace('"', "")])}
    addresses |= {_address(part) for part in targets.split(",")}
    for candidate in proxy_choices(meeting, person):
        if candidate.email.lower() in addresses:
            return candidate
    return None
