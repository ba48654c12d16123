"""The home page's sections, each shown when something waits for the person and hidden
otherwise; nobody sees another's or an outsider's items; a guest sees only what they
may open."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import World, client_for
from decisions.models import Proposal
from decisions.tests.factories import ProposalFactory
from elections.models import Election, Nomination
from elections.tests.factories import ElectionFactory
from followup.tests.factories import ActionFactory
from home.selectors import home_overview, when
from meetings.models import Attendance, Meeting
from meetings.tests.factories import MeetingFactory
from minutes.models import Minutes

pytestmark = pytest.mark.django_db


def page(client: Client) -> str:
    return client.get(reverse("home:home")).content.decode()


def in_days(days: int, hour: int = 9) -> datetime:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=30, second=0, microsecond=0)


def meeting_in(body: object, days: int, **fields: object) -> Meeting:
    starts = in_days(days)
    return MeetingFactory.create(
        body=body, starts_at=starts, ends_at=starts + timedelta(hours=2), **fields
    )


# --- The next meetings -------------------------------------------------------------------


def test_a_convened_meeting_in_two_days_is_the_first_thing_shown(world: World) -> None:
    # The reported bug: "Rien à l'horizon des trois prochains mois" two days before it.
    meeting = meeting_in(world.body, 2, status=Meeting.Status.CONVENED, place="Mairie d'Essai")
    Attendance.objects.create(meeting=meeting, person=world.member)
    content = page(client_for(world.member))
    assert "Vos prochaines réunions" in content
    assert meeting.get_absolute_url() in content
    assert "convocation envoyée" in content and "convoqué·e" not in content
    assert "dans 2 jours" in content and "Mairie d&#x27;Essai" in content
    assert "Rien ne vous attend" not in content
    assert content.index("Vos prochaines réunions") < content.index("Mes instances")


def test_just_after_midnight_in_paris_a_morning_meeting_is_today(world: World) -> None:
    # The reported bug: "demain" shown after midnight for a meeting that was today,
    # because the day was counted in UTC (still yesterday there until 1:00 or 2:00).
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    now = datetime(2027, 3, 11, 0, 30, tzinfo=paris)  # 23:30 UTC on 10 March
    starts = datetime(2027, 3, 11, 9, 0, tzinfo=paris)
    MeetingFactory.create(
        body=world.body,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=Meeting.Status.CONVENED,
    )
    with timezone.override(paris):
        overview = home_overview(world.member, now=now)
    assert [next.when for next in overview.meetings.items] == ["aujourd’hui"]
    assert overview.today.isoformat() == "2027-03-11"
    assert when(1) == "demain"


def test_each_body_is_listed_once_with_its_next_meeting(world: World) -> None:
    # The reported bug: a facilitator who is also a member saw the body twice.
    MembershipFactory.create(
        body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR
    )
    first = meeting_in(world.body, 3)
    later = meeting_in(world.body, 30)
    content = page(client_for(world.member))
    assert first.get_absolute_url() in content
    assert f'href="{later.get_absolute_url()}"' not in content
    assert content.count(f'href="{world.body.get_absolute_url()}"') == 1
    assert "animateur·rice" in content and "membre" in content


def test_a_meeting_not_convened_says_so_and_no_answer_is_claimed(world: World) -> None:
    meeting_in(world.body, 10)
    content = page(client_for(world.member))
    assert "pas encore convoquée" in content
    assert "convoqué·e" not in content and "Changer ma réponse" not in content


def test_an_unanswered_meeting_asks_whether_i_come(world: World) -> None:
    # Convened, nothing said yet: a call to action to the meeting page's answer section,
    # not a bare "convoqué·e" that leaves the person wondering what to do.
    meeting = meeting_in(world.body, 2, status=Meeting.Status.CONVENED)
    Attendance.objects.create(meeting=meeting, person=world.member)
    content = page(client_for(world.member))
    assert f'href="{meeting.get_absolute_url()}#qui-vient">Dites si vous venez</a>' in content
    assert "Changer ma réponse" not in content


def test_an_answer_given_shows_with_a_way_to_change_it(world: World) -> None:
    meeting = meeting_in(world.body, 2, status=Meeting.Status.CONVENED)
    Attendance.objects.create(meeting=meeting, person=world.member, reply=Attendance.Reply.COMING)
    content = page(client_for(world.member))
    assert "Vous venez" in content
    assert f'href="{meeting.get_absolute_url()}#qui-vient">Changer ma réponse</a>' in content
    assert "Dites si vous venez" not in content


def test_a_maybe_from_the_calendar_is_an_answer(world: World) -> None:
    meeting = meeting_in(world.body, 2, status=Meeting.Status.CONVENED)
    Attendance.objects.create(
        meeting=meeting, person=world.member, reply=Attendance.Reply.TENTATIVE
    )
    content = page(client_for(world.member))
    assert "Vous viendrez peut-être" in content and "Dites si vous venez" not in content


def test_a_meeting_in_progress_offers_the_live_page(world: World) -> None:
    now = timezone.now()
    meeting = MeetingFactory.create(
        body=world.body,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        status=Meeting.Status.IN_PROGRESS,
    )
    content = page(client_for(world.member))
    assert reverse("meetings:live", args=[meeting.pk]) in content
    assert "Dites si vous venez" not in content


def test_the_recorded_answer_is_shown(world: World) -> None:
    excused = meeting_in(world.body, 4, status=Meeting.Status.CONVENED)
    Attendance.objects.create(
        meeting=excused,
        person=world.member,
        status=Attendance.Status.REPRESENTED,
        represented_by=world.admin,
    )
    assert "Vous êtes représenté·e par Adèle Admin" in page(client_for(world.member))


def test_past_and_cancelled_meetings_are_not_next(world: World) -> None:
    past = meeting_in(world.body, -3)
    cancelled = meeting_in(world.body, 2, status=Meeting.Status.CANCELLED)
    content = page(client_for(world.member))
    assert past.get_absolute_url() not in content
    assert cancelled.get_absolute_url() not in content
    assert "Vos prochaines réunions" not in content


def test_outsiders_meetings_never_show(world: World) -> None:
    theirs = meeting_in(world.other_body, 2, status=Meeting.Status.CONVENED)
    assert theirs.get_absolute_url() not in page(client_for(world.member))


def test_a_guest_sees_the_meeting_they_are_convened_to(world: World) -> None:
    meeting = meeting_in(world.body, 2, status=Meeting.Status.CONVENED)
    assert meeting.get_absolute_url() in page(client_for(world.guest))


# --- Agendas open to proposals -------------------------------------------------------------


def test_an_open_agenda_is_offered_until_its_notice(world: World) -> None:
    # No charter: the notice is 7 days before the meeting.
    open_one = meeting_in(world.body, 20, status=Meeting.Status.AGENDA_OPEN)
    content = page(client_for(world.member))
    assert "Points à proposer" in content
    assert reverse("meetings:agenda", args=[open_one.pk]) in content
    deadline = timezone.localtime(open_one.starts_at - timedelta(days=7))
    assert f"propositions jusqu’au {deadline:%A}".lower()[:20] in content.lower()


def test_an_agenda_whose_notice_closed_is_not_offered(world: World) -> None:
    meeting_in(world.body, 5, status=Meeting.Status.AGENDA_OPEN)
    assert "Points à proposer" not in page(client_for(world.member))


def test_only_the_next_open_agenda_of_a_body_is_offered(world: World) -> None:
    first = meeting_in(world.body, 15)
    second = meeting_in(world.body, 45)
    content = page(client_for(world.member))
    assert reverse("meetings:agenda", args=[first.pk]) in content
    assert reverse("meetings:agenda", args=[second.pk]) not in content


def test_a_guest_is_not_offered_to_propose(world: World) -> None:
    meeting_in(world.body, 20)
    assert "Points à proposer" not in page(client_for(world.guest))


# --- Minutes in review ---------------------------------------------------------------------


def minutes_in_review(world: World, until_days: int, author: Person | None = None) -> Minutes:
    held = meeting_in(world.body, -5, status=Meeting.Status.HELD)
    return Minutes.objects.create(
        meeting=held,
        text="Compte-rendu.",
        status=Minutes.Status.IN_REVIEW,
        review_until=timezone.localdate() + timedelta(days=until_days),
        author=author or world.admin,
    )


def test_minutes_in_review_are_shown_with_the_end_of_the_review(world: World) -> None:
    minutes = minutes_in_review(world, 3)
    content = page(client_for(world.member))
    assert "Comptes-rendus à relire" in content
    assert minutes.get_absolute_url() in content
    assert minutes.review_until.isoformat() in content  # type: ignore[union-attr]


def test_minutes_whose_review_ended_or_that_i_wrote_are_not_shown(world: World) -> None:
    minutes_in_review(world, -1)
    minutes_in_review(world, 3, author=world.member)
    assert "Comptes-rendus à relire" not in page(client_for(world.member))


def test_a_guest_and_an_outsider_are_not_asked_to_review(world: World) -> None:
    minutes_in_review(world, 3)
    assert "Comptes-rendus à relire" not in page(client_for(world.guest))
    assert "Comptes-rendus à relire" not in page(client_for(world.outsider))


# --- Rounds, actions, nominations ---------------------------------------------------------------


def test_a_round_in_another_body_is_not_mine(world: World) -> None:
    theirs = ProposalFactory.create(body=world.other_body, phase=Proposal.Phase.CLARIFYING)
    content = page(client_for(world.member))
    assert theirs.get_absolute_url() not in content
    ProposalFactory.create(body=world.body, phase=Proposal.Phase.CLARIFYING)
    assert "Propositions qui attendent votre réponse" in page(client_for(world.member))
    assert "Propositions qui attendent votre réponse" not in page(client_for(world.guest))


def test_my_actions_come_overdue_first(world: World) -> None:
    today = timezone.localdate()
    later = ActionFactory.create(body=world.body, owner=world.member, due_on=today + timedelta(10))
    undated = ActionFactory.create(body=world.body, owner=world.member)
    overdue = ActionFactory.create(body=world.body, owner=world.member, due_on=today - timedelta(3))
    content = page(client_for(world.member))
    positions = [content.index(a.get_absolute_url()) for a in (overdue, later, undated)]
    assert positions == sorted(positions)
    assert "en retard" in content


def test_without_an_action_the_section_is_hidden(world: World) -> None:
    ActionFactory.create(body=world.body, owner=world.admin)
    assert 'id="mes-actions"' not in page(client_for(world.member))


def test_a_nomination_to_write_is_shown_until_written(world: World) -> None:
    election = ElectionFactory.create(body=world.body, created_by=world.admin)
    content = page(client_for(world.member))
    assert "Nominations à écrire" in content and election.get_absolute_url() in content
    assert "Nominations à écrire" not in page(client_for(world.guest))
    Nomination.objects.create(
        election=election, nominator=world.member, nominee=world.member, reason="Disponible."
    )
    assert "Nominations à écrire" not in page(client_for(world.member))


# --- Terms ending --------------------------------------------------------------------------------


def test_a_facilitator_term_ending_asks_for_an_election(world: World) -> None:
    MembershipFactory.create(
        body=world.body,
        person=world.member,
        role=BodyMembership.Role.FACILITATOR,
        end_date=timezone.localdate() + timedelta(days=60),
    )
    content = page(client_for(world.member))
    assert "Échéances des trois prochains mois" in content
    assert "Fin de votre rôle (animateur·rice) dans « Conférence des DGS »" in content
    assert "Organiser l&#x27;élection : animateur·rice" in content
    ElectionFactory.create(body=world.body, created_by=world.member, phase=Election.Phase.READING)
    assert "Organiser l&#x27;élection" not in page(client_for(world.member))


def test_no_term_ending_no_section(world: World) -> None:
    assert "Échéances des trois prochains mois" not in page(client_for(world.member))


# --- The empty state ---------------------------------------------------------------------------


def test_nothing_waiting_says_what_to_do_next(world: World) -> None:
    content = page(client_for(world.member))
    assert "Rien ne vous attend pour l’instant" in content
    assert reverse("meetings:my_calendar") in content
    assert "pour préparer sa prochaine réunion ou déposer une proposition" in content


def test_someone_without_a_seat_is_told_how_to_get_one(world: World) -> None:
    content = page(client_for(world.lone_person))
    assert "Vous ne siégez encore dans aucune instance" in content
    assert reverse("people:profile") in content


# --- Bounded lists ---------------------------------------------------------------------


def test_long_lists_are_capped_with_a_link_to_the_full_page(world: World) -> None:
    bodies = [BodyFactory.create(territory=world.territory) for _ in range(7)]
    for body in bodies:
        MembershipFactory.create(body=body, person=world.member)
        meeting_in(body, 3)
    content = page(client_for(world.member))
    assert content.count("pas encore convoquée") == 5
    assert f"{reverse('home:todo')}#reunions" in content
    full = client_for(world.member).get(reverse("home:todo")).content.decode()
    assert full.count("pas encore convoquée") == 7


def test_the_full_page_keeps_outsiders_out(world: World) -> None:
    theirs = meeting_in(world.other_body, 2)
    full = client_for(world.member).get(reverse("home:todo"))
    assert full.status_code == 200
    assert theirs.get_absolute_url() not in full.content.decode()
    assert client_for(world.member).post(reverse("home:todo")).status_code == 405


def test_a_stranger_to_every_body_sees_none_of_it(world: World) -> None:
    stranger = PersonFactory.create()
    meeting_in(world.body, 2, status=Meeting.Status.CONVENED)
    minutes_in_review(world, 3)
    content = page(client_for(stranger))
    assert "Vos prochaines réunions" not in content
    assert "Comptes-rendus à relire" not in content


# --- Only what one may open ---------------------------------------------------------------------


def _everything_due(world: World) -> None:
    """A row in every section for the member, and what a guest is convened to."""
    today = timezone.localdate()
    convened = meeting_in(world.body, 2, status=Meeting.Status.CONVENED)
    for person in (world.member, world.guest):
        Attendance.objects.create(meeting=convened, person=person)
    meeting_in(world.body, 25)
    minutes_in_review(world, 3)
    ProposalFactory.create(body=world.body, phase=Proposal.Phase.CLARIFYING)
    ActionFactory.create(body=world.body, owner=world.member, due_on=today - timedelta(days=1))
    ActionFactory.create(body=world.body, owner=world.guest, due_on=today + timedelta(days=5))
    ElectionFactory.create(body=world.body, created_by=world.admin)
    for person in (world.member, world.guest):
        MembershipFactory.create(
            body=world.body,
            person=person,
            role=BodyMembership.Role.FACILITATOR if person == world.member else "guest",
            end_date=today + timedelta(days=30),
        )


@pytest.mark.parametrize("who", ["member", "guest"])
def test_every_link_of_the_home_page_opens(world: World, who: str) -> None:
    import re

    _everything_due(world)
    client = client_for(getattr(world, who))
    content = page(client)
    links = {
        url for url in re.findall(r'href="(/[^"#]*)', content) if not url.startswith("/static/")
    }
    assert len(links) > 5
    for url in sorted(links):
        assert client.get(url).status_code == 200, url
