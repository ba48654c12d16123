"""iCalendar (RFC 5545/5546) documents for meetings: the invitation sent with the
convocation (METHOD:REQUEST), its updates (same UID, SEQUENCE incremented), the
cancellation (METHOD:CANCEL) and the subscribed feeds (METHOD:PUBLISH).

Times are written in UTC: every calendar converts them, and no VTIMEZONE is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.models import Person
from meetings.models import AgendaItem, Meeting

PRODID = "-//Codir//Co-dir de territoire//FR"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def agenda_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("meetings:agenda", args=[meeting.pk])


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + meeting.get_absolute_url()


def meeting_location(meeting: Meeting) -> str:
    """The place written on the meeting (its host's address when planned from the
    charter, meetings.services), else its host's address."""
    if meeting.place:
        return meeting.place
    if meeting.host_id is not None and meeting.host is not None:
        return meeting.host.address or meeting.host.name
    return ""


def meeting_summary(meeting: Meeting) -> str:
    return meeting.title or meeting.body.name


def agenda_lines(items: Iterable[AgendaItem]) -> list[str]:
    lines = []
    for number, item in enumerate(items, start=1):
        presenter = f" ({item.presenter.full_name})" if item.presenter else ""
        lines.append(
            f"{number}. {item.title} · {item.get_kind_display()} · "
            f"{item.duration_minutes} min{presenter}"
        )
    return lines


def meeting_description(meeting: Meeting, items: Sequence[AgendaItem]) -> str:
    parts = [_("Ordre du jour :"), *agenda_lines(items)] if items else []
    parts.append(_("L'ordre du jour et les documents : %(url)s") % {"url": agenda_url(meeting)})
    return "\n".join(parts)


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.full_name)
    for key, value in params.items():
        address.params[key.upper().replace("_", "-")] = value
    return address


def _organizer(meeting: Meeting) -> vCalAddress:
    """The platform's answer address (settings.CALENDAR_REPLY_EMAIL), under the
    facilitator's name: calendars send the invitee's "accept / decline" (iTIP REPLY) to
    the organiser, and meetings/itip.py reads it there."""
    address = vCalAddress(f"mailto:{settings.CALENDAR_REPLY_EMAIL}")
    if meeting.facilitator is not None:
        address.params["CN"] = vText(meeting.facilitator.full_name)
    else:
        address.params["CN"] = vText(parseaddr(settings.DEFAULT_FROM_EMAIL)[0] or "Codir")
    return address


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def meeting_event(
    meeting: Meeting,
    *,
    items: Sequence[AgendaItem] = (),
    attendees: Iterable[Person] = (),
    guests: set[int] | None = None,
    sequence: int | None = None,
    cancelled: bool = False,
) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.ics_sequence if sequence is None else sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting_summary(meeting))
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    event.add("description", meeting_description(meeting, items))
    event.add("url", meeting_url(meeting))
    cancelled = cancelled or meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organizer(meeting))
    for person in attendees:
        role = "OPT-PARTICIPANT" if guests and person.pk in guests else "REQ-PARTICIPANT"
        event.add(
            "attendee",
            _address(person, cutype="INDIVIDUAL", role=role, partstat="NEEDS-ACTION", rsvp="TRUE"),
        )
    return event


def _calendar(method: str, name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def invitation_ics(
    meeting: Meeting,
    *,
    method: str,
    items: Sequence[AgendaItem],
    attendees: Sequence[Person],
    guests: set[int] | None = None,
    sequence: int | None = None,
) -> bytes:
    """The invitation (REQUEST) or its cancellation (CANCEL) for one meeting."""
    calendar = _calendar(method)
    calendar.add_component(
        meeting_event(
            meeting,
            items=items,
            attendees=attendees,
            guests=guests,
            sequence=sequence,
            cancelled=method == CANCEL,
        )
    )
    return calendar.to_ical()


def feed_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """A subscribed calendar: the meetings, without attendees (the feed is a URL)."""
    calendar = _calendar(PUBLISH, name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return calendar.to_ical()


def meeting_file_ics(meeting: Meeting, *, items: Sequence[AgendaItem]) -> bytes:
    """One meeting, downloaded to be added to a calendar by hand."""
    calendar = _calendar(PUBLISH)
    calendar.add_component(meeting_event(meeting, items=items))
    return calendar.to_ical()
