"""Saying beforehand whether one comes: from the meeting page (htmx and plain posts),
from the convocation mail's signed links, and what the facilitator sees."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from conftest import client_for
from meetings import rsvp
from meetings.convocation import meeting_convene
from meetings.models import Attendance, Meeting
from meetings.tests.factories import MeetingFactory
from territories.tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return MeetingFactory.create(body=world.body, status=Meeting.Status.CONVENED)


@pytest.fixture
def colleague(world):
    """Someone of the member's commune who does not sit in the body: may represent him."""
    person = PersonFactory.create(first_name="Denise", last_name="Adjointe")
    PositionFactory.create(person=person, organisation=world.commune)
    return person


def reply_url(meeting):
    return reverse("meetings:reply", args=[meeting.pk])


def answer(world, meeting):
    return Attendance.objects.get(meeting=meeting, person=world.member)


# --- From the meeting page -------------------------------------------------------------


def test_member_says_they_come_from_the_page(world, meeting, member_client):
    response = member_client.post(reply_url(meeting), {"reply": "coming"})
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    attendance = answer(world, meeting)
    assert attendance.reply == Attendance.Reply.COMING
    assert attendance.reply_channel == Attendance.ReplyChannel.PAGE
    # The answer is not the attendance recorded at the meeting.
    assert attendance.status == Attendance.Status.INVITED


def test_the_answer_reads_as_the_person_asked_to_be_named(world, meeting, member_client):
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    assert "Je suis excusé·e" in page
    world.member.agreement = "f"
    world.member.save(update_fields=["agreement"])
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    assert "Je suis excusée" in page and "Je suis excusé·e" not in page


def test_the_page_says_how_and_when_one_answered(world, meeting, member_client):
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    assert "Votre réponse du" not in page
    member_client.post(reply_url(meeting), {"reply": "coming"})
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    assert "Votre réponse du" in page
    assert "(page de la réunion) : vous venez." in page


def test_htmx_answer_swaps_the_section(world, meeting, member_client):
    response = member_client.post(reply_url(meeting), {"reply": "excused"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="qui-vient"')
    assert "vous êtes excusé·e" in content
    assert answer(world, meeting).reply == Attendance.Reply.EXCUSED


def test_member_is_represented_by_someone_of_their_commune(world, meeting, colleague):
    client_for(world.member).post(
        reply_url(meeting), {"reply": "represented", "proxy": colleague.pk}
    )
    attendance = answer(world, meeting)
    assert (attendance.reply, attendance.reply_proxy) == (Attendance.Reply.REPRESENTED, colleague)


def test_represented_without_a_proxy_is_refused_next_to_the_field(
    world, meeting, member_client, colleague
):
    response = member_client.post(reply_url(meeting), {"reply": "represented", "proxy": ""})
    assert response.status_code == 400
    assert "Indiquez qui vous représente." in response.content.decode()
    assert re.search(r'<select name="proxy"[^>]*autofocus', response.content.decode())
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_another_member_of_the_body_cannot_be_the_proxy(world, meeting, member_client, colleague):
    # The guest sits in the body but not for the member's commune: parity of voice.
    response = member_client.post(
        reply_url(meeting), {"reply": "represented", "proxy": world.guest.pk}
    )
    assert response.status_code == 400
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_guest_without_a_position_is_offered_no_representation(world, meeting, guest_client):
    page = guest_client.get(meeting.get_absolute_url()).content.decode()
    assert 'value="coming"' in page and 'value="represented"' not in page


def test_outsider_gets_404_and_get_is_refused(world, meeting, outsider_client, member_client):
    assert outsider_client.post(reply_url(meeting), {"reply": "coming"}).status_code == 404
    assert member_client.get(reply_url(meeting)).status_code == 405


def test_no_answer_once_the_meeting_is_held(world, meeting, member_client):
    meeting.status = Meeting.Status.HELD
    meeting.save()
    response = member_client.post(reply_url(meeting), {"reply": "coming"})
    assert response.status_code == 400
    assert not Attendance.objects.filter(meeting=meeting, reply="coming").exists()


def test_facilitator_sees_who_comes_and_who_has_not_answered(world, meeting, colleague):
    rsvp.attendance_reply(
        meeting=meeting,
        person=world.member,
        reply=Attendance.Reply.REPRESENTED,
        proxy=colleague,
        channel=Attendance.ReplyChannel.PAGE,
    )
    page = client_for(world.admin).get(meeting.get_absolute_url()).content.decode()
    text = re.sub(r"\s+", " ", page)
    assert "1 se fait représenter" in text
    assert "Marc Membre (par Denise Adjointe)" in text
    assert "personne vient" not in text  # nobody comes yet: no "0 personnes"
    assert "1 n’a pas encore répondu" in text  # the guest
    assert "Gaëlle Invitée" in text


def test_the_attendance_form_starts_from_the_answers(world, meeting, colleague):
    rsvp.attendance_reply(
        meeting=meeting,
        person=world.member,
        reply=Attendance.Reply.REPRESENTED,
        proxy=colleague,
        channel=Attendance.ReplyChannel.PAGE,
    )
    rsvp.attendance_reply(meeting=meeting, person=world.guest, reply="excused", channel="page")
    page = client_for(world.admin).get(reverse("meetings:attendance", args=[meeting.pk]))
    form = page.context["form"]
    assert form[f"status_{world.member.pk}"].initial == Attendance.Status.REPRESENTED
    assert form[f"represented_by_{world.member.pk}"].initial == colleague.pk
    assert form[f"status_{world.guest.pk}"].initial == Attendance.Status.EXCUSED


# --- From the mail ----------------------------------------------------------------------


def test_convocation_mail_carries_signed_answer_links(world, settings):
    settings.SITE_URL = "https://codir.example.fr"
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    meeting_convene(meeting=meeting, actor=world.admin)
    sent = next(m for m in mail.outbox if m.to == [world.member.email])
    links = re.findall(r"https://codir\.example\.fr/reunions/reponse/\S+", str(sent.body))
    # Nobody else holds a position in the member's commune: no "represented" link.
    assert [link.split("?")[1] for link in links] == ["reponse=coming", "reponse=excused"]
    assert "répondez-y" not in sent.body


def test_the_mail_offers_representation_when_someone_may_represent(world, colleague):
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    meeting_convene(meeting=meeting, actor=world.admin)
    sent = next(m for m in mail.outbox if m.to == [world.member.email])
    assert "?reponse=represented" in str(sent.body)
    assert isinstance(sent, EmailMultiAlternatives)
    html = str(sent.alternatives[0][0])
    assert "Je me fais représenter</a>" in html and "?reponse=represented" in html


def test_mail_link_get_confirms_and_post_records(world, meeting, client, settings):
    settings.SITE_URL = "https://codir.example.fr"
    path = rsvp.reply_links(meeting, world.member)["coming"].removeprefix(settings.SITE_URL)
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirmer ma réponse" in page.content.decode()
    assert re.search(r'value="coming"[^>]*checked', page.content.decode())
    assert not Attendance.objects.filter(meeting=meeting).exists()  # a GET changes nothing
    response = client.post(path.split("?")[0], {"reply": "coming"})
    assert response.status_code == 200
    assert "vous venez" in response.content.decode()
    attendance = answer(world, meeting)
    assert (attendance.reply, attendance.reply_channel) == ("coming", "mail")


def test_mail_link_expires_after_the_meeting(world, client):
    past = MeetingFactory.create(
        body=world.body,
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    token = rsvp.reply_token(past, world.member)
    response = client.get(reverse("meetings:reply_link", args=[token]))
    assert response.status_code == 404
    assert "Ce lien de réponse ne fonctionne pas" in response.content.decode()


def test_a_tampered_mail_link_is_refused(world, meeting, client):
    token = rsvp.reply_token(meeting, world.member)
    response = client.post(
        reverse("meetings:reply_link", args=[token[:-3] + "abc"]), {"reply": "coming"}
    )
    assert response.status_code == 404
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_home_page_shows_the_answer_given_beforehand(world, meeting, colleague):
    meeting.starts_at = timezone.now() + timedelta(days=4)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    home = reverse("home:home")
    rsvp.attendance_reply(meeting=meeting, person=world.member, reply="coming", channel="page")
    # The home page writes the answer as a sentence: "Vous venez · Changer ma réponse".
    assert "Vous venez" in client_for(world.member).get(home).content.decode()
    rsvp.attendance_reply(
        meeting=meeting, person=world.member, reply="represented", proxy=colleague, channel="mail"
    )
    page = client_for(world.member).get(home).content.decode()
    assert "Vous êtes représenté·e par Denise Adjointe" in page
    # What the secretary records at the meeting prevails over the answer.
    Attendance.objects.filter(meeting=meeting, person=world.member).update(
        status=Attendance.Status.PRESENT
    )
    assert "Vous venez" in client_for(world.member).get(home).content.decode()
