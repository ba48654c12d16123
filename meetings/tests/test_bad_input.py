"""Bad input that broke things (issue 9): a line break in a stored body name, which made
every convocation fail; one refused address that stopped the others; a NUL in the live
notes (a 500 on PostgreSQL); `next=abc` after an upload (a 500 after the write)."""

from __future__ import annotations

import smtplib
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import Body
from bodies.tests.factories import MembershipFactory
from conftest import World
from documents.models import Document
from meetings import live
from meetings.convocation import meeting_convene
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from meetings.tests.test_attachments import make_meeting, meeting_url, post
from meetings.tests.test_live import convened

pytestmark = pytest.mark.django_db

REAL_SEND = EmailMultiAlternatives.send


def failing_for(address: str) -> Any:
    def send(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        if address in self.to:
            raise smtplib.SMTPRecipientsRefused({address: (550, b"unknown")})
        return REAL_SEND(self, fail_silently)

    return send


@pytest.fixture
def facilitator(world: World) -> Person:
    person = PersonFactory.create(first_name="Fanny", last_name="Anime", email="anime@example.fr")
    MembershipFactory.create(body=world.body, person=person)
    return person


@pytest.fixture
def meeting(world: World, facilitator: Person) -> Meeting:
    return MeetingFactory.create(
        body=world.body, facilitator=facilitator, status=Meeting.Status.AGENDA_OPEN
    )


def test_a_body_name_stored_with_a_line_break_still_convenes(meeting, facilitator, world):
    Body.objects.filter(pk=world.body.pk).update(name="Conférence\r\nBcc: x@example.fr")
    meeting.refresh_from_db()
    meeting_convene(meeting=meeting, actor=facilitator)
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        message.message()  # would raise BadHeaderError with a line break in the subject
        assert "\n" not in message.subject and "\r" not in message.subject


def test_one_refused_address_does_not_stop_the_convocation(meeting, facilitator, world):
    with mock.patch.object(EmailMultiAlternatives, "send", failing_for("membre@example.fr")):
        meeting_convene(meeting=meeting, actor=facilitator)
    assert sorted(m.to[0] for m in mail.outbox) == ["anime@example.fr", "invitee@example.fr"]


def test_a_nul_in_the_live_notes_is_refused_in_french(world: World, member_client: Client) -> None:
    item = convened(world).items.get(title="Point 1")
    live.meeting_start(meeting=item.meeting)
    url = reverse("meetings:live_notes", args=[item.pk])
    response = member_client.post(url, {"notes": "Noté\x00."}, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert "caractère invisible" in response.content.decode()
    response = member_client.post(url, {"notes": "Noté\x00."}, follow=True)
    assert response.status_code == 200
    assert "caractère invisible" in response.content.decode()
    item.refresh_from_db()
    assert item.notes == ""


@pytest.mark.parametrize("target", ["abc", "javascript:alert(1)", "//evil.example/", "https:x"])
def test_an_invalid_next_after_an_upload_goes_to_the_document(member_client, world, target):
    meeting = make_meeting(world.body)
    response = post(member_client, meeting_url(meeting), next=target)
    document = Document.objects.get()  # the upload happened once
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
