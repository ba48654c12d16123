"""Calendar feeds (public URLs whose token is the secret), their renewal, and the
"Mon agenda" page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import client_for
from meetings.models import Attendance, Meeting
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(world):
    ours = MeetingFactory.create(body=world.body, title="Codir de mars")
    other = MeetingFactory.create(body=world.other_body, title="Codir d'ailleurs")
    return ours, other


def person_feed_url(person):
    return reverse("meetings:person_feed", args=[person.calendar_token])


def body_feed_url(body):
    return reverse("meetings:body_feed", args=[body.calendar_token])


def uids(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_person_feed_lists_the_meetings_of_my_bodies(client, world, meetings):
    ours, _other = meetings
    response = client.get(person_feed_url(world.member))  # no login: the token is enough
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    assert uids(response) == {ours.uid}
    assert Calendar.from_ical(response.content)["METHOD"] == "PUBLISH"


def test_person_feed_drops_a_body_i_left(client, world, meetings):
    world.member_seat.start_date = timezone.localdate() - timedelta(days=100)
    world.member_seat.end_date = timezone.localdate() - timedelta(days=1)
    world.member_seat.save()
    assert uids(client.get(person_feed_url(world.member))) == set()


def test_person_feed_shows_cancelled_meetings_as_cancelled(client, world, meetings):
    ours, _ = meetings
    ours.status = Meeting.Status.CANCELLED
    ours.save()
    calendar = Calendar.from_ical(client.get(person_feed_url(world.member)).content)
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_unknown_token_is_404(client):
    assert client.get(reverse("meetings:person_feed", args=["inconnu"])).status_code == 404
    assert client.get(reverse("meetings:body_feed", args=["inconnu"])).status_code == 404


def test_feeds_refuse_post(client, world):
    assert client.post(person_feed_url(world.member)).status_code == 405
    assert client.post(body_feed_url(world.body)).status_code == 405


def test_body_feed_lists_the_bodys_meetings(client, world, meetings):
    ours, _ = meetings
    assert uids(client.get(body_feed_url(world.body))) == {ours.uid}


def test_renewing_my_token_kills_the_old_address(member_client, client, world):
    old_url = person_feed_url(world.member)
    response = member_client.post(reverse("meetings:feed_renew"))
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(person_feed_url(world.member)).status_code == 200


def test_feed_renew_access(client, member_client):
    url = reverse("meetings:feed_renew")
    assert client.post(url).status_code == 302
    assert client.post(url)["Location"].startswith(reverse("accounts:login"))
    assert member_client.get(url).status_code == 405


def test_administrator_renews_a_bodys_token(admin_client_, client, world):
    old_url = body_feed_url(world.body)
    url = reverse("meetings:body_feed_renew", args=[world.body.pk])
    assert admin_client_.post(url).status_code == 302
    world.body.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(body_feed_url(world.body)).status_code == 200


def test_body_token_renewal_access(client, member_client, outsider_client, world):
    url = reverse("meetings:body_feed_renew", args=[world.body.pk])
    token = world.body.calendar_token
    assert client.post(url).status_code == 302
    assert member_client.post(url).status_code == 403
    assert outsider_client.post(url).status_code == 404
    assert member_client.get(url).status_code == 405
    world.body.refresh_from_db()
    assert world.body.calendar_token == token


def test_my_calendar_lists_my_next_meetings_and_my_feed(member_client, world, meetings):
    MeetingFactory.create(
        body=world.body,
        title="Passée",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10) + timedelta(hours=2),
    )
    response = member_client.get(reverse("meetings:my_calendar"))
    assert response.status_code == 200
    content = response.content.decode()
    assert world.member.calendar_token in content
    assert world.body.calendar_token in content
    assert world.other_body.calendar_token not in content
    assert "Conférence des DGS" in content
    # Each meeting opens its own page (agenda, who comes), like the month and the home page.
    assert f'href="{meetings[0].get_absolute_url()}"' in content
    assert reverse("meetings:agenda", args=[meetings[0].pk]) not in content
    assert f'href="{meetings[1].get_absolute_url()}"' not in content
    # Only administrators may renew a body's address.
    assert reverse("meetings:body_feed_renew", args=[world.body.pk]) not in content


def test_my_calendar_shows_my_answer_to_each_meeting(member_client, world, meetings):
    ours, _other = meetings
    coming = MeetingFactory.create(body=world.body, title="Codir d'avril")
    excused = MeetingFactory.create(body=world.body, title="Codir de mai")
    Attendance.objects.create(meeting=coming, person=world.member, reply=Attendance.Reply.COMING)
    Attendance.objects.create(
        meeting=excused, person=world.member, status=Attendance.Status.EXCUSED
    )
    content = member_client.get(reverse("meetings:my_calendar")).content.decode()
    assert content.count("vous venez") == 1
    assert content.count("vous êtes excusé·e") == 1
    # The meeting not answered yet says so, with the way to answer.
    assert content.count("pas encore répondu") == 1
    assert f'href="{ours.get_absolute_url()}#qui-vient"' in content
    # As asked on the profile, the answer of a named person agrees.
    world.member.agreement = "f"
    world.member.save(update_fields=["agreement"])
    content = member_client.get(reverse("meetings:my_calendar")).content.decode()
    assert "vous êtes excusée" in content


def test_my_calendar_reads_the_answers_with_the_meetings(member_client, world):
    # The answers come in the meetings' query: adding meetings adds no query.
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            member_client.get(reverse("meetings:my_calendar"))
        return len(queries)

    MeetingFactory.create(body=world.body)
    one = count()
    for _ in range(4):
        meeting = MeetingFactory.create(body=world.body)
        Attendance.objects.create(meeting=meeting, person=world.member, reply="coming")
    assert count() == one


def test_my_calendar_for_someone_without_bodies(world):
    response = client_for(world.lone_person).get(reverse("meetings:my_calendar"))
    assert response.status_code == 200
    assert "Aucune réunion prévue" in response.content.decode()


def test_body_not_seen_is_not_offered(world, member_client):
    hidden = BodyFactory.create(territory=world.territory, name="Groupe fermé")
    MembershipFactory.create(body=hidden)
    content = member_client.get(reverse("meetings:my_calendar")).content.decode()
    assert hidden.calendar_token not in content
