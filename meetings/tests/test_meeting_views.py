"""The calendar pages: a body's meetings, one meeting, its move, roles and attendance,
one-off meetings and the generation from the charter."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import client_for
from governance.tests.factories import CharterFactory
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    local_datetime,
)
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(f"meetings:{name}", args=[obj.pk])


def _in(days, at=time(9, 0)):
    return local_datetime(timezone.localdate() + timedelta(days=days), at)


def _meeting(world, days=14, **kwargs):
    start = _in(days)
    return MeetingFactory.create(
        body=world.body, starts_at=start, ends_at=start + timedelta(hours=2), **kwargs
    )


def move_data(**overrides):
    day = timezone.localdate() + timedelta(days=20)
    data = {
        "title": "",
        "format": Meeting.Format.WORKING,
        "day": day.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "host": "",
        "place": "Salle des fêtes",
    }
    data.update(overrides)
    return data


# --- Access -----------------------------------------------------------------------------


def _all_urls(world):
    meeting = _meeting(world)
    return [
        url("body_meetings", world.body),
        url("create", world.body),
        url("detail", meeting),
        url("update", meeting),
        url("roles", meeting),
        url("attendance", meeting),
    ]


def test_anonymous_is_sent_to_login(world, client):
    responses = [client.get(target) for target in _all_urls(world)]
    responses.append(client.post(url("generate", world.body)))
    for response in responses:
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_outsider_gets_404(world, outsider_client):
    for target in _all_urls(world):
        assert outsider_client.get(target).status_code == 404, target
    assert outsider_client.post(url("generate", world.body)).status_code == 404


def test_territory_member_outside_the_body_gets_404(world, member_client):
    closed = BodyFactory.create(territory=world.territory, name="Groupe fermé")
    meeting = MeetingFactory.create(body=closed)
    assert member_client.get(url("body_meetings", closed)).status_code == 404
    assert member_client.get(url("detail", meeting)).status_code == 404


def test_member_and_guest_get_403_on_planning_pages(world, member_client, guest_client):
    meeting = _meeting(world)
    for client in (member_client, guest_client):
        for name in ("update", "roles", "attendance"):
            assert client.get(url(name, meeting)).status_code == 403, name
        assert client.get(url("create", world.body)).status_code == 403
        assert client.post(url("generate", world.body)).status_code == 403
        assert client.post(url("update", meeting), move_data()).status_code == 403
    meeting.refresh_from_db()
    assert meeting.place == "Salle du conseil"


def test_wrong_methods_are_refused(world, member_client, admin_client_):
    meeting = _meeting(world)
    assert member_client.post(url("body_meetings", world.body)).status_code == 405
    assert member_client.post(url("detail", meeting)).status_code == 405
    assert admin_client_.get(url("generate", world.body)).status_code == 405
    assert admin_client_.delete(url("update", meeting)).status_code == 405
    assert admin_client_.put(url("attendance", meeting)).status_code == 405


# --- The body's meetings ----------------------------------------------------------------


def test_member_sees_upcoming_and_past_meetings(world, member_client):
    host = world.commune
    _meeting(world, days=10, host=host, facilitator=world.member, title="Séance de rentrée")
    _meeting(world, days=-20, status=Meeting.Status.HELD, format=Meeting.Format.CODEV)
    response = member_client.get(url("body_meetings", world.body))
    assert response.status_code == 200
    content = response.content.decode()
    upcoming = content[content.index('id="a-venir"') : content.index('id="passees"')]
    past = content[content.index('id="passees"') :]
    assert "Séance de rentrée" in upcoming and "Saint-Essai" in upcoming
    assert "Marc Membre" in upcoming and "prévue" in upcoming
    assert "tenue" in past and "co-développement" in past


def test_guest_sees_the_meetings(world, guest_client):
    _meeting(world)
    assert guest_client.get(url("body_meetings", world.body)).status_code == 200


def test_body_meetings_show_the_rhythm_and_holiday_rule(world, admin_client_):
    CharterFactory.create(body=world.body)
    content = admin_client_.get(url("body_meetings", world.body)).content.decode()
    assert "le 2e mardi de chaque mois" in content
    assert "jour férié" in content
    assert url("generate", world.body) in content


def test_body_meetings_query_count_is_constant(world, member_client, django_assert_num_queries):
    CharterFactory.create(body=world.body)

    def add(n):
        for i in range(n):
            host = OrganisationFactory.create(territory=world.territory)
            _meeting(world, days=i * 7 - 30, host=host, facilitator=PersonFactory.create())

    # session, user, the viewer's visible bodies, body (+ territory), current charter, the
    # upcoming meetings (+ host, facilitator, secretary), the number of past ones and their
    # page (+ the same), the member's roles in the body (access: one query for every check)
    add(2)
    with django_assert_num_queries(9):
        member_client.get(url("body_meetings", world.body))
    add(8)
    with django_assert_num_queries(9):
        member_client.get(url("body_meetings", world.body))


def test_past_meetings_come_a_page_at_a_time(world, member_client):
    for i in range(25):
        _meeting(world, days=-1 - i)
    first = member_client.get(url("body_meetings", world.body)).context["calendar"]
    assert len(first.past.object_list) == 20 and first.past.paginator.count == 25
    assert first.past[0].starts_at > first.past[1].starts_at  # latest first
    second = member_client.get(url("body_meetings", world.body), {"page": 2})
    assert len(second.context["calendar"].past.object_list) == 5
    assert "page=1" in second.content.decode()


# --- One meeting ------------------------------------------------------------------------


def test_member_sees_the_meeting(world, member_client):
    meeting = _meeting(world, host=world.commune, facilitator=world.member, place="Mairie")
    response = member_client.get(url("detail", meeting))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Saint-Essai" in content and "Marc Membre" in content and "prévue" in content
    assert url("body_meetings", world.body) in content  # the sections' links
    # The meeting's facilitator may move it and record attendance.
    assert url("update", meeting) in content
    assert url("attendance", meeting) in content
    # Nothing recorded yet: the invitees are listed.
    assert "Gaëlle Invitée" in content


def test_codev_meeting_shows_six_timed_phases(world, member_client):
    meeting = _meeting(world, format=Meeting.Format.CODEV)
    content = member_client.get(url("detail", meeting)).content.decode()
    assert "Déroulé du co-développement" in content
    assert content.count('<li><span class="codev-time">') == 6
    assert "09:15" in content  # questions start after a 15-minute exposé


def test_meeting_page_names_the_meeting_and_shows_its_agenda(world, member_client):
    # A user coming from "Réunion du mardi 8 décembre" on the home page found a heading
    # with the body's name only, and had to open another page to learn what is discussed.
    meeting = _meeting(world)
    AgendaItemFactory.create(meeting=meeting, title="Budget 2027", status="accepted")
    AgendaItemFactory.create(meeting=meeting, title="Déneigement", status="proposed")
    AgendaItemFactory.create(meeting=meeting, title="Fusionné", status="merged")
    content = member_client.get(url("detail", meeting)).content.decode()
    date = timezone.localtime(meeting.starts_at)
    assert "<h1>Réunion du " in content and f"{date.year}</h1>" in content
    assert content.index("Budget 2027") < content.index("Déneigement")
    assert "Fusionné" not in content
    assert reverse("meetings:agenda", args=[meeting.pk]) in content


def test_meeting_page_says_when_nothing_is_on_the_agenda(world, member_client):
    content = member_client.get(url("detail", _meeting(world))).content.decode()
    assert "Aucun point n’est encore inscrit à l’ordre du jour." in content


def test_meeting_page_query_count_is_constant(world, member_client, django_assert_num_queries):
    meeting = _meeting(world)

    def attend(n):
        for _ in range(n):
            AttendanceFactory.create(meeting=meeting, represented_by=PersonFactory.create())
            AgendaItemFactory.create(meeting=meeting, status=AgendaItem.Status.ACCEPTED)

    # session, user, the viewer's visible bodies, meeting (+ body, territory, host,
    # facilitator, secretary),
    # attendances (+ person, represented_by), the member's roles in the body, the agenda's
    # titles; "Qui vient ?": the invitees, their answers (+ person, proxy), who may
    # represent the viewer
    attend(2)
    with django_assert_num_queries(10):
        member_client.get(url("detail", meeting))
    attend(6)
    with django_assert_num_queries(10):
        member_client.get(url("detail", meeting))


# --- One-off meetings and generation ----------------------------------------------------


def test_admin_plans_a_one_off_meeting(world, admin_client_):
    response = admin_client_.post(
        url("create", world.body),
        move_data(
            title="Séminaire élus-DGS", format=Meeting.Format.SEMINAR, host=world.epci.pk, place=""
        ),
    )
    meeting = Meeting.objects.get(body=world.body)
    assert response.status_code == 302 and response["Location"] == url("detail", meeting)
    assert meeting.title == "Séminaire élus-DGS"
    assert meeting.charter is None and meeting.original_starts_at is None
    assert timezone.localtime(meeting.starts_at).time() == time(14, 0)
    assert meeting.host == world.epci and meeting.place == "CC du Pays Test"


def test_bad_meeting_input_keeps_values_and_writes_nothing(world, admin_client_):
    response = admin_client_.post(
        url("create", world.body), move_data(title="Ma réunion", end_time="13:00")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ma réunion" in content
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in content
    assert not Meeting.objects.exists()


def test_a_host_from_another_territory_is_refused(world, admin_client_):
    response = admin_client_.post(url("create", world.body), move_data(host=world.other_commune.pk))
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_admin_generates_the_year(world, admin_client_):
    CharterFactory.create(body=world.body)
    response = admin_client_.post(url("generate", world.body), follow=True)
    assert 10 <= world.body.meetings.count() <= 12
    assert "réunions planifiées pour l" in response.content.decode()
    admin_client_.post(url("generate", world.body))
    assert world.body.meetings.count() <= 12  # no duplicates


def test_generation_without_charter_says_so(world, admin_client_):
    response = admin_client_.post(url("generate", world.body), follow=True)
    assert "pas encore de charte adoptée" in response.content.decode()
    assert not world.body.meetings.exists()


def test_body_facilitator_plans_and_generates(world):
    MembershipFactory.create(
        body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR
    )
    CharterFactory.create(body=world.body)
    client = client_for(world.member)
    assert client.get(url("create", world.body)).status_code == 200
    assert client.post(url("generate", world.body)).status_code == 302
    assert world.body.meetings.exists()


# --- Move -------------------------------------------------------------------------------


def test_meeting_facilitator_moves_a_generated_meeting(world):
    charter = CharterFactory.create(body=world.body)
    start = _in(14)
    meeting = MeetingFactory.create(
        body=world.body,
        charter=charter,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        original_starts_at=start,
        facilitator=world.member,
    )
    client = client_for(world.member)
    form = client.get(url("update", meeting)).context["form"]
    assert form.initial["start_time"] == time(9, 0)
    response = client.post(url("update", meeting), move_data())
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).time() == time(14, 0)
    assert meeting.original_starts_at == start
    assert meeting.place == "Salle des fêtes"
    content = client.get(url("detail", meeting)).content.decode()
    assert "Déplacée : prévue à l’origine" in content


def test_moving_a_convened_meeting_sends_the_updated_invitation(world, admin_client_):
    meeting = _meeting(world, status=Meeting.Status.CONVENED, convened_at=timezone.now())
    Attendance.objects.create(meeting=meeting, person=world.member)
    mail.outbox.clear()
    admin_client_.post(url("update", meeting), move_data())
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 1
    assert [message.to for message in mail.outbox] == [[world.member.email]]
    invitation = next(a for a in mail.outbox[0].attachments if "calendar" in str(a))
    assert b"SEQUENCE:1" in invitation.get_payload(decode=True)


def test_a_held_meeting_is_not_moved(world, admin_client_):
    meeting = _meeting(world, days=-7, status=Meeting.Status.HELD)
    response = admin_client_.post(url("update", meeting), move_data())
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.place == "Salle du conseil"


# --- Roles ------------------------------------------------------------------------------


def _second_member(world):
    person = PersonFactory.create(first_name="Béa", last_name="Autre")
    town = OrganisationFactory.create(territory=world.territory, name="Autre-Bourg")
    MembershipFactory.create(
        body=world.body,
        person=person,
        position=PositionFactory.create(person=person, organisation=town),
        start_date=date(2020, 1, 1),
    )
    return person, town


def test_roles_form_is_prefilled_with_the_fair_suggestion(world, admin_client_):
    other, town = _second_member(world)
    _meeting(world, days=-30, facilitator=world.member, secretary=other, host=world.commune)
    meeting = _meeting(world)
    response = admin_client_.get(url("roles", meeting))
    form = response.context["form"]
    assert form.initial["facilitator"] == other
    assert form.initial["secretary"] == world.member
    assert form.initial["host"] == town
    assert "Suggestion équitable" in response.content.decode()


def test_admin_confirms_roles(world, admin_client_):
    other, town = _second_member(world)
    meeting = _meeting(world, place="")
    response = admin_client_.post(
        url("roles", meeting),
        {"facilitator": other.pk, "secretary": world.member.pk, "host": town.pk},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.facilitator, meeting.secretary, meeting.host) == (other, world.member, town)
    assert meeting.place == "Mairie d’Autre-Bourg"


def test_roles_refuse_someone_outside_the_body(world, admin_client_):
    meeting = _meeting(world)
    response = admin_client_.post(url("roles", meeting), {"facilitator": world.outsider.pk})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.facilitator is None


# --- Attendance -------------------------------------------------------------------------


def _attendance_data(world, **overrides):
    data = {
        f"status_{world.member.pk}": Attendance.Status.PRESENT,
        f"status_{world.guest.pk}": Attendance.Status.EXCUSED,
    }
    data.update(overrides)
    return data


def test_secretary_records_attendance(world):
    secretary = PersonFactory.create()
    MembershipFactory.create(body=world.body, person=secretary, start_date=date(2020, 1, 1))
    meeting = _meeting(world, days=-1, secretary=secretary)
    client = client_for(secretary)
    data = _attendance_data(
        world,
        **{
            f"status_{secretary.pk}": Attendance.Status.REPRESENTED,
            f"represented_by_{secretary.pk}": world.member.pk,
        },
    )
    response = client.post(url("attendance", meeting), data)
    assert response.status_code == 302
    recorded = {a.person: a for a in meeting.attendances.all()}
    assert recorded[world.member].status == Attendance.Status.PRESENT
    assert recorded[world.guest].status == Attendance.Status.EXCUSED
    assert recorded[secretary].status == Attendance.Status.REPRESENTED
    assert recorded[secretary].represented_by == world.member
    content = client.get(url("detail", meeting)).content.decode()
    assert "représenté·e par Marc Membre" in content


def test_represented_without_a_person_writes_nothing(world, admin_client_):
    meeting = _meeting(world, days=-1)
    data = _attendance_data(world, **{f"status_{world.guest.pk}": Attendance.Status.REPRESENTED})
    response = admin_client_.post(url("attendance", meeting), data)
    assert response.status_code == 200
    assert "Indiquez qui représente Gaëlle Invitée." in response.content.decode()
    assert not meeting.attendances.exists()


def test_recording_again_updates_the_same_lines(world, admin_client_):
    meeting = _meeting(world, days=-1)
    admin_client_.post(url("attendance", meeting), _attendance_data(world))
    admin_client_.post(
        url("attendance", meeting),
        _attendance_data(world, **{f"status_{world.member.pk}": Attendance.Status.ABSENT}),
    )
    assert meeting.attendances.count() == 2
    assert meeting.attendances.get(person=world.member).status == Attendance.Status.ABSENT
    form = admin_client_.get(url("attendance", meeting)).context["form"]
    assert form.fields[f"status_{world.member.pk}"].initial == Attendance.Status.ABSENT


def test_attendance_page_query_count_is_constant(world, admin_client_, django_assert_num_queries):
    meeting = _meeting(world)

    def seat(n):
        for _ in range(n):
            MembershipFactory.create(body=world.body, start_date=date(2020, 1, 1))

    # session, user, the viewer's visible bodies, meeting (+ body...), the viewer's roles, recorded
    # attendances, invitees
    seat(2)
    with django_assert_num_queries(7):
        admin_client_.get(url("attendance", meeting))
    seat(6)
    with django_assert_num_queries(7):
        admin_client_.get(url("attendance", meeting))


# --- The body page links here -----------------------------------------------------------


def test_body_page_links_to_meetings_and_charter(world, member_client):
    content = member_client.get(reverse("bodies:detail", args=[world.body.pk])).content.decode()
    # The next meeting's card (meetings' {% body_next_meeting %}) carries both links.
    assert "Prochaine réunion" in content
    assert url("body_meetings", world.body) in content
    assert reverse("governance:charter", args=[world.body.pk]) in content
