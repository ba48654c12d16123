"""iCalendar documents, parsed back with icalendar: the invitation, its update, the
cancellation, and the one-meeting download."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from accounts.tests.factories import PersonFactory
from meetings import ics, services
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    facilitator = PersonFactory.create(
        first_name="Fanny", last_name="Anime", email="anime@example.fr"
    )
    meeting = MeetingFactory.create(
        body=world.body,
        facilitator=facilitator,
        place="Mairie de Saint-Essai",
        starts_at=datetime(2026, 3, 10, 8, 0, tzinfo=UTC),  # 9:00 in Paris
        ends_at=datetime(2026, 3, 10, 10, 30, tzinfo=UTC),
    )
    AgendaItemFactory.create(meeting=meeting, title="Tour de table", kind=AgendaItem.Kind.ROUND)
    return meeting


def parse(content: bytes) -> tuple[Calendar, Any]:
    calendar = Calendar.from_ical(content)
    return calendar, calendar.walk("VEVENT")[0]


def test_invitation_is_a_valid_request(meeting, world):
    content = ics.invitation_ics(
        meeting,
        method=ics.REQUEST,
        items=list(meeting.items.all()),
        attendees=[world.member, world.guest],
        guests={world.guest.pk},
    )
    calendar, event = parse(content)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(event["UID"]) == meeting.uid == f"meeting-{meeting.pk}@codir"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].dt == datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    assert event["DTEND"].dt == datetime(2026, 3, 10, 10, 30, tzinfo=UTC)
    assert b"DTSTART:20260310T080000Z" in content
    assert str(event["SUMMARY"]) == "Conférence des DGS"
    assert str(event["LOCATION"]) == "Mairie de Saint-Essai"
    assert "1. Tour de table · tour de table · 15 min" in str(event["DESCRIPTION"])
    # Calendars answer the organiser: the platform's answer address, under the
    # facilitator's name.
    assert str(event["ORGANIZER"]) == f"mailto:{settings.CALENDAR_REPLY_EMAIL}"
    assert event["ORGANIZER"].params["CN"] == meeting.facilitator.full_name
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:membre@example.fr", "mailto:invitee@example.fr"]
    assert {a.params["PARTSTAT"] for a in attendees} == {"NEEDS-ACTION"}
    assert attendees[0].params["ROLE"] == "REQ-PARTICIPANT"
    assert attendees[1].params["ROLE"] == "OPT-PARTICIPANT"
    assert attendees[0].params["CN"] == "Marc Membre"
    assert event["STATUS"] == "CONFIRMED"


def test_an_update_keeps_the_uid_and_increments_the_sequence(meeting, world):
    first = parse(ics.invitation_ics(meeting, method=ics.REQUEST, items=[], attendees=[]))[1]
    meeting.ics_sequence = 1
    meeting.starts_at += timedelta(hours=1)
    meeting.ends_at += timedelta(hours=1)
    second = parse(ics.invitation_ics(meeting, method=ics.REQUEST, items=[], attendees=[]))[1]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second["DTSTART"].dt - first["DTSTART"].dt == timedelta(hours=1)


def test_cancellation_is_a_cancel(meeting, world):
    meeting.ics_sequence = 2
    calendar, event = parse(
        ics.invitation_ics(meeting, method=ics.CANCEL, items=[], attendees=[world.member])
    )
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert str(event["UID"]) == meeting.uid


def test_organizer_without_facilitator_is_the_platform(meeting):
    meeting.facilitator = None
    event = parse(ics.invitation_ics(meeting, method=ics.REQUEST, items=[], attendees=[]))[1]
    assert str(event["ORGANIZER"]).startswith("mailto:")


# --- The one-meeting download --------------------------------------------------------


def ics_url(meeting):
    return reverse("meetings:meeting_ics", args=[meeting.pk])


def test_member_downloads_the_meeting(member_client, meeting):
    response = member_client.get(ics_url(meeting))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar, event = parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == meeting.uid
    assert "Tour de table" in str(event["DESCRIPTION"])


def test_cancelled_meeting_download_says_so(member_client, meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    event = parse(member_client.get(ics_url(meeting)).content)[1]
    assert event["STATUS"] == "CANCELLED"


def test_meeting_download_access(client, outsider_client, member_client, meeting):
    assert client.get(ics_url(meeting)).status_code == 302
    assert outsider_client.get(ics_url(meeting)).status_code == 404
    assert member_client.post(ics_url(meeting)).status_code == 405


def test_location_is_the_hosts_address_not_the_epci_name(world):
    world.epci.address = "Siège, 2 rue Georges Clemenceau, 85150 Les Achards"
    world.epci.save()
    world.commune.address = "Mairie, 1 place de la Mairie, 85150 Saint-Essai"
    world.commune.save()
    start = MeetingFactory.build().starts_at
    at_epci = services.meeting_create(
        body=world.body, starts_at=start, ends_at=start + timedelta(hours=2), host=world.epci
    )
    at_commune = services.meeting_create(
        body=world.body, starts_at=start, ends_at=start + timedelta(hours=2), host=world.commune
    )
    for meeting, expected in (
        (at_epci, "CC du Pays Test, Siège, 2 rue Georges Clemenceau, 85150 Les Achards"),
        (at_commune, "Mairie, 1 place de la Mairie, 85150 Saint-Essai"),
    ):
        event = parse(ics.invitation_ics(meeting, method=ics.REQUEST, items=[], attendees=[]))[1]
        assert str(event["LOCATION"]) == expected


def test_location_falls_back_on_the_host_when_no_place_is_written(world):
    world.commune.address = "Mairie, 1 place de la Mairie, 85150 Saint-Essai"
    world.commune.save()
    meeting = MeetingFactory.create(body=world.body, place="", host=world.commune)
    event = parse(ics.invitation_ics(meeting, method=ics.REQUEST, items=[], attendees=[]))[1]
    assert str(event["LOCATION"]) == "Mairie, 1 place de la Mairie, 85150 Saint-Essai"
