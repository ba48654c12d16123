"""The convocation: freezing the agenda, inviting, e-mailing (French, plain text, HTML
and the calendar invitation), updates, cancellation, and the daily digest."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from meetings.convocation import meeting_cancel, meeting_changed, meeting_convene
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(world):
    person = PersonFactory.create(first_name="Fanny", last_name="Anime", email="anime@example.fr")
    MembershipFactory.create(body=world.body, person=person)
    return person


@pytest.fixture
def meeting(world, facilitator):
    meeting = MeetingFactory.create(
        body=world.body,
        facilitator=facilitator,
        status=Meeting.Status.AGENDA_OPEN,
        place="Mairie de Saint-Essai",
    )
    AgendaItemFactory.create(
        meeting=meeting,
        proposed_by=world.member,
        title="Schéma de mutualisation",
        kind=AgendaItem.Kind.DECISION,
        presenter=world.member,
        position=0,
    )
    AgendaItemFactory.create(
        meeting=meeting, proposed_by=world.admin, title="Budget annexe", position=1
    )
    return meeting


def convene_url(meeting):
    return reverse("meetings:convene", args=[meeting.pk])


def cancel_url(meeting):
    return reverse("meetings:cancel", args=[meeting.pk])


def calendar_of(message):
    """The text/calendar part of a sent mail, parsed back, and its Content-Type."""
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_payload(decode=True)), part["Content-Type"]
    raise AssertionError("no text/calendar part")


# --- Access --------------------------------------------------------------------------


def test_access_to_convene_and_cancel(
    client, outsider_client, member_client, guest_client, meeting
):
    for url in (convene_url(meeting), cancel_url(meeting)):
        assert client.post(url).status_code == 302
        assert outsider_client.get(url).status_code == 404
        assert outsider_client.post(url).status_code == 404
        assert member_client.get(url).status_code == 403
        assert member_client.post(url).status_code == 403
        assert guest_client.post(url).status_code == 403
        assert member_client.put(url).status_code == 405
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_OPEN
    assert mail.outbox == []


def test_convene_page_asks_for_confirmation(meeting, facilitator):
    content = client_for(facilitator).get(convene_url(meeting)).content.decode()
    assert "Convoquer et envoyer les invitations" in content
    assert "Gaëlle Invitée" in content
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_OPEN


def test_with_items_only_proposed_convening_is_secondary_and_warned(meeting, facilitator):
    # The reported defect: "Convoquer" was the primary button while nothing was reviewed.
    agenda = client_for(facilitator).get(reverse("meetings:agenda", args=[meeting.pk]))
    content = agenda.content.decode()
    assert f'class="button button-secondary" href="{convene_url(meeting)}"' in content
    assert "2 points ne sont encore que proposés" in content
    assert "un courriel de convocation avec l’ordre du jour" in content
    confirm = client_for(facilitator).get(convene_url(meeting)).content.decode()
    assert "la convocation les inscrira tels quels" in confirm
    assert "Schéma de mutualisation" in confirm


def test_once_every_item_is_reviewed_convening_is_the_primary_action(meeting, facilitator):
    meeting.items.update(status=AgendaItem.Status.ACCEPTED)
    content = client_for(facilitator).get(reverse("meetings:agenda", args=[meeting.pk]))
    text = content.content.decode()
    assert f'class="button" href="{convene_url(meeting)}"' in text
    assert "encore que proposé" not in text
    assert "un courriel de convocation avec l’ordre du jour" in text


def test_a_member_sees_no_convocation_notice(meeting, member_client):
    content = member_client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "convocation-avant" not in content


# --- Convening -----------------------------------------------------------------------


def test_convening_freezes_the_agenda_and_invites_members_and_guests(meeting, facilitator, world):
    former = PersonFactory.create(email="ancien@example.fr")
    MembershipFactory.create(
        body=world.body,
        person=former,
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() - timedelta(days=30),
    )
    response = client_for(facilitator).post(convene_url(meeting))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED
    assert meeting.convened_at is not None
    invited = set(meeting.attendances.values_list("person__email", flat=True))
    assert invited == {"membre@example.fr", "invitee@example.fr", "anime@example.fr"}
    assert set(meeting.attendances.values_list("status", flat=True)) == {Attendance.Status.INVITED}
    assert set(meeting.items.values_list("status", flat=True)) == {AgendaItem.Status.ACCEPTED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(invited)


def test_convocation_mail_is_french_with_html_and_calendar(meeting, facilitator, world):
    meeting_convene(meeting=meeting, actor=facilitator)
    message = next(m for m in mail.outbox if m.to == ["membre@example.fr"])
    assert message.subject.startswith("Convocation : Conférence des DGS, ")
    assert "Bonjour Marc," in message.body
    assert "Vous êtes convoqué·e à la réunion de « Conférence des DGS »" in message.body
    assert (
        "1. Schéma de mutualisation (décision, 15 min) · présenté par Marc Membre" in message.body
    )
    assert "2. Budget annexe" in message.body
    assert "Lieu : Mairie de Saint-Essai" in message.body
    assert (
        reverse("meetings:agenda", args=[meeting.pk]) in message.body
        or "/reunions/" in message.body
    )
    assert isinstance(message, EmailMultiAlternatives)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>Schéma de mutualisation</strong>" in str(html)
    assert message.reply_to == ["anime@example.fr"]
    calendar, content_type = calendar_of(message)
    assert "method=REQUEST" in content_type.replace('"', "")
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    assert "Schéma de mutualisation" in str(event["DESCRIPTION"])


def test_a_meeting_on_the_first_of_a_month_is_convened_for_the_1er(meeting, facilitator):
    """French writes "1er février", in the subject, the text and the HTML of the mail."""
    starts = timezone.make_aware(datetime(2027, 2, 1, 14, 0))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    meeting_convene(meeting=meeting, actor=facilitator)
    message = next(m for m in mail.outbox if m.to == ["membre@example.fr"])
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    for text in (message.subject, message.body, html):
        assert "1er février 2027" in text
        assert "1 février" not in text


def test_demo_can_convene_without_mail(meeting, facilitator):
    meeting_convene(meeting=meeting, actor=facilitator, notify=False)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED
    assert meeting.attendances.count() == 3
    assert mail.outbox == []


def test_convening_twice_is_refused(meeting, facilitator):
    client = client_for(facilitator)
    client.post(convene_url(meeting))
    mail.outbox.clear()
    response = client.post(convene_url(meeting), follow=True)
    assert "Cette réunion ne peut plus être convoquée." in response.content.decode()
    assert mail.outbox == []


def test_mail_task_arguments_are_json(meeting, facilitator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends
    from django_tasks.backends.dummy import DummyBackend

    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    backend.clear()
    meeting_convene(meeting=meeting, actor=facilitator)
    (result,) = backend.results
    assert json.loads(json.dumps(result.kwargs))["kind"] == "convocation"
    assert mail.outbox == []


# --- Updates and cancellation --------------------------------------------------------


def test_a_change_after_convening_sends_an_update(meeting, facilitator, world):
    meeting_convene(meeting=meeting, actor=facilitator)
    mail.outbox.clear()
    item = meeting.items.get(title="Budget annexe")
    response = client_for(facilitator).post(
        reverse("meetings:item_move", args=[item.pk]), {"direction": "up"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 1
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.subject.startswith("Mise à jour de la convocation")
    calendar, _ = calendar_of(message)
    event = calendar.walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == meeting.uid
    assert str(event["DESCRIPTION"]).index("Budget annexe") < str(event["DESCRIPTION"]).index(
        "Schéma"
    )


def test_changes_before_convening_send_nothing(meeting):
    meeting_changed(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 0
    assert mail.outbox == []


def test_cancelling_a_convened_meeting_sends_cancel(meeting, facilitator):
    meeting_convene(meeting=meeting, actor=facilitator)
    mail.outbox.clear()
    client_for(facilitator).post(cancel_url(meeting))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.subject.startswith("Réunion annulée")
    assert "est annulée" in message.body
    calendar, content_type = calendar_of(message)
    assert "method=CANCEL" in content_type.replace('"', "")
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == meeting.uid


def test_cancelling_before_convening_sends_no_mail(meeting, world):
    meeting_cancel(meeting=meeting, actor=world.admin)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert mail.outbox == []


def test_a_held_meeting_cannot_be_cancelled(meeting, admin_client_):
    meeting.status = Meeting.Status.HELD
    meeting.save()
    response = admin_client_.post(cancel_url(meeting), follow=True)
    assert "Cette réunion ne peut plus être annulée." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


# --- Notices of proposals: immediate or daily digest ---------------------------------


def test_immediate_people_hear_of_a_proposal_at_once(meeting, world, facilitator):
    facilitator.notifications = Person.Notifications.DIGEST
    facilitator.save()
    client_for(world.member).post(
        reverse("meetings:item_propose", args=[meeting.pk]),
        {"title": "Nouveau point", "kind": "information", "duration_minutes": "10"},
    )
    recipients = sorted(m.to[0] for m in mail.outbox)
    # The guest chose immediate mails; the proposer and the digest person get nothing now.
    assert recipients == ["invitee@example.fr"]
    assert mail.outbox[0].subject == "Nouveau point proposé (Conférence des DGS) : Nouveau point"
    assert "Marc Membre propose un point" in mail.outbox[0].body


def test_daily_digest_lists_the_proposals_of_the_last_day(meeting, world, facilitator):
    facilitator.notifications = Person.Notifications.DIGEST
    facilitator.save()
    AgendaItemFactory.create(
        meeting=meeting,
        proposed_by=world.member,
        title="Vieux point",
        proposed_at=timezone.now() - timedelta(days=3),
    )
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, title="Point récent")
    AgendaItemFactory.create(meeting=meeting, proposed_by=facilitator, title="Mon propre point")
    mail.outbox.clear()
    call_command("send_daily_digest", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["anime@example.fr"]]
    message = mail.outbox[0]
    assert "Point récent" in message.body
    assert "Vieux point" not in message.body
    assert "Mon propre point" not in message.body
    assert isinstance(message, EmailMultiAlternatives)
    assert message.alternatives[0][1] == "text/html"


def test_digest_sends_nothing_when_nothing_is_new(meeting, world, facilitator):
    facilitator.notifications = Person.Notifications.DIGEST
    facilitator.save()
    meeting.items.update(proposed_at=timezone.now() - timedelta(days=2))
    call_command("send_daily_digest", stdout=StringIO())
    assert mail.outbox == []


def test_convocation_links_the_latest_documents(meeting, facilitator, world):
    from documents.models import Document

    item = meeting.items.get(title="Budget annexe")

    def document(title: str, **extra: object) -> Document:
        return Document.objects.create(
            body=world.body,
            meeting=meeting,
            title=title,
            file="documents/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=10,
            **extra,
        )

    old = document("Budget v1", item=item)
    document("Budget v2", item=item, previous=old, version=2)
    document("Relevé de la dernière séance")
    meeting_convene(meeting=meeting, actor=facilitator)
    body = mail.outbox[0].body
    assert "Budget v2" in body
    assert "Budget v1" not in body
    assert "Documents de la réunion\n- Relevé de la dernière séance" in body


def test_subjects_are_plain_text_not_html(world, facilitator):
    """A subject is a header, not HTML: "d'accueil" stays as typed (no &#x27;)."""
    world.body.name = "Groupe d'accueil des nouveaux agents"
    world.body.save()
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    meeting_convene(meeting=meeting, actor=facilitator)
    subject = mail.outbox[0].subject
    assert "Groupe d'accueil des nouveaux agents" in subject and "&#" not in subject


def test_every_mail_subject_template_turns_escaping_off():
    root = Path(__file__).resolve().parents[2]
    subjects = [
        path
        for path in root.glob("*/templates/**/emails/*subject*.txt")
        if ".venv" not in path.parts
    ]
    assert len(subjects) >= 5
    for path in subjects:
        assert "{% autoescape off %}" in path.read_text(), path
