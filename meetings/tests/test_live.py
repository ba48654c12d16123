"""The live meeting: its services (start, move, round, notes, outcome, close), its pages
and actions with their permissions, the event stream (on SQLite by polling, on
PostgreSQL by LISTEN/NOTIFY) and the cost of the fragment every participant reloads."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from core.tests.aio import call_in_own_thread
from meetings import live, live_state, live_stream
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from minutes.services import minutes_draft
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LISTEN/NOTIFY: PostgreSQL only"
)


def convened(world: World, *, items: int = 3, **extra: Any) -> Meeting:
    """A convened meeting of the world's body, facilitated by the member, with `items`
    accepted items (and one merged, one deferred, which the live meeting skips)."""
    meeting = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.CONVENED,
        facilitator=world.member,
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=2),
        **extra,
    )
    for position in range(items):
        AgendaItemFactory.create(
            meeting=meeting,
            title=f"Point {position + 1}",
            status=AgendaItem.Status.ACCEPTED,
            position=position * 2 + 1,
            proposed_by=world.member,
            duration_minutes=10,
        )
    AgendaItemFactory.create(
        meeting=meeting, title="Fusionné", status=AgendaItem.Status.MERGED, position=0
    )
    AgendaItemFactory.create(
        meeting=meeting, title="Reporté avant", status=AgendaItem.Status.DEFERRED, position=2
    )
    return meeting


def titles(meeting: Meeting) -> str | None:
    meeting.refresh_from_db()
    return meeting.current_item.title if meeting.current_item else None


def seat(world: World, last_name: str, population: int) -> Person:
    """A member sitting for an organisation of the given size."""
    person = PersonFactory.create(first_name="Alex", last_name=last_name)
    organisation = OrganisationFactory.create(territory=world.territory, population=population)
    position = PositionFactory.create(person=person, organisation=organisation)
    MembershipFactory.create(body=world.body, person=person, position=position)
    return person


# --- Services ---------------------------------------------------------------------------


def test_start_goes_to_the_first_accepted_item(world: World) -> None:
    meeting = convened(world)
    before = meeting.live_version
    live.meeting_start(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.IN_PROGRESS
    assert meeting.started_at is not None
    assert titles(meeting) == "Point 1"
    assert meeting.current_item is not None and meeting.current_item.started_at is not None
    assert meeting.live_version == before + 1


def test_only_a_convened_meeting_starts(world: World) -> None:
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    with pytest.raises(ValidationError):
        live.meeting_start(meeting=meeting)
    started = convened(world)
    live.meeting_start(meeting=started)
    with pytest.raises(ValidationError):
        live.meeting_start(meeting=started)


def test_next_and_previous_skip_items_off_the_agenda(world: World) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    live.live_next_item(meeting=meeting)
    assert titles(meeting) == "Point 2"
    live.live_next_item(meeting=meeting)
    assert titles(meeting) == "Point 3"
    with pytest.raises(ValidationError):
        live.live_next_item(meeting=meeting)
    live.live_previous_item(meeting=meeting)
    live.live_previous_item(meeting=meeting)
    assert titles(meeting) == "Point 1"
    with pytest.raises(ValidationError):
        live.live_previous_item(meeting=meeting)
    assert meeting.live_version == 5  # start, 2 next, 2 previous; refused moves: none


def test_moving_is_one_update_and_leaves_the_audit_trail_alone(world: World) -> None:
    """ "Next item" is what every participant waits for (issue 9): the meeting row is
    written by one UPDATE, and where the meeting stands is operating state, not a change
    the history shows; the items keep when they started."""
    from auditlog.models import LogEntry

    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    live.live_next_item(meeting=meeting)  # enters item 2 a first time: its start is kept
    before = LogEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        live.live_previous_item(meeting=meeting)
    assert LogEntry.objects.count() == before
    meeting_updates = [
        q["sql"] for q in queries if q["sql"].startswith('UPDATE "meetings_meeting"')
    ]
    assert len(meeting_updates) == 1
    assert titles(meeting) == "Point 1"
    assert meeting.current_item_since is not None
    assert meeting.items.get(title="Point 2").started_at is not None


def test_moving_records_the_time_spent(world: World) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(
        current_item_since=timezone.now() - timedelta(minutes=4)
    )
    first = meeting.items.get(title="Point 1")
    live.live_next_item(meeting=meeting)
    first.refresh_from_db()
    assert 239 <= first.time_spent_seconds <= 242
    # Back on it: the time adds up.
    live.live_previous_item(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(
        current_item_since=timezone.now() - timedelta(minutes=1)
    )
    meeting.refresh_from_db()
    state = live_state.live_state(meeting)
    assert 299 <= state.item_elapsed <= 302


def test_close_records_time_and_carries_untreated_items_over(world: World) -> None:
    meeting = convened(world)
    later = MeetingFactory.create(
        body=world.body,
        starts_at=meeting.starts_at + timedelta(days=30),
        ends_at=meeting.ends_at + timedelta(days=30),
    )
    live.meeting_start(meeting=meeting)
    first = meeting.items.get(title="Point 1")
    live.item_outcome_set(item=first, outcome=AgendaItem.Outcome.NOTED)
    live.live_next_item(meeting=meeting)
    second = meeting.items.get(title="Point 2")
    live.item_outcome_set(item=second, outcome=AgendaItem.Outcome.DEFERRED)
    Meeting.objects.filter(pk=meeting.pk).update(
        current_item_since=timezone.now() - timedelta(seconds=90)
    )
    version = Meeting.objects.get(pk=meeting.pk).live_version
    live.meeting_close(meeting=meeting)
    meeting.refresh_from_db()
    second.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.closed_at is not None and meeting.current_item is None
    assert meeting.live_version == version + 1
    assert 89 <= second.time_spent_seconds <= 92
    carried = set(later.items.values_list("title", flat=True))
    # Deferred during the meeting, not treated, deferred before: all carried; noted stays.
    assert carried == {"Point 2", "Point 3", "Reporté avant"}
    # The minutes can be drafted now that the meeting is held.
    assert minutes_draft(meeting=meeting, author=world.member).meeting == meeting


def test_live_writes_need_a_meeting_in_progress(world: World) -> None:
    meeting = convened(world)
    item = meeting.items.get(title="Point 1")
    for call in (
        lambda: live.live_next_item(meeting=meeting),
        lambda: live.live_round_next(item=item),
        lambda: live.item_notes_save(item=item, notes="x"),
        lambda: live.item_outcome_set(item=item, outcome=AgendaItem.Outcome.NOTED),
    ):
        with pytest.raises(ValidationError):
            call()
    live.meeting_start(meeting=meeting)
    merged = meeting.items.get(title="Fusionné")
    with pytest.raises(ValidationError):
        live.item_notes_save(item=merged, notes="x")
    with pytest.raises(ValidationError):
        live.item_outcome_set(item=item, outcome="n'importe quoi")


def test_every_live_write_bumps_the_version(world: World) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    item = meeting.items.get(title="Point 1")
    versions = [Meeting.objects.get(pk=meeting.pk).live_version]
    for call in (
        lambda: live.live_round_next(item=item),
        lambda: live.live_round_restart(item=item),
        lambda: live.item_notes_save(item=item, notes="  Bilan présenté.\r\nQuestions.  "),
        lambda: live.item_outcome_set(item=item, outcome=AgendaItem.Outcome.OPINION),
        lambda: live.live_next_item(meeting=meeting),
        lambda: live.live_previous_item(meeting=meeting),
        lambda: live.meeting_close(meeting=meeting),
    ):
        call()
        versions.append(Meeting.objects.get(pk=meeting.pk).live_version)
    assert versions == list(range(versions[0], versions[0] + 8))
    item.refresh_from_db()
    assert item.notes == "Bilan présenté.\nQuestions."
    assert item.outcome == AgendaItem.Outcome.OPINION


def test_the_round_goes_by_name_never_by_size(world: World) -> None:
    # Marc Membre (commune of 850) sits already; a big EPCI and a tiny commune join.
    big = seat(world, "Zola", population=120_000)
    small = seat(world, "Abel", population=90)
    middle = seat(world, "Lenoir", population=5_000)
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    item = meeting.items.get(title="Point 1")
    meeting.refresh_from_db()
    state = live_state.live_state(meeting)
    assert [s.person for s in state.round] == [small, middle, world.member, big]
    assert state.speaker == small and state.round[0].turn
    live.live_round_next(item=item)
    live.live_round_next(item=item)
    meeting.refresh_from_db()
    state = live_state.live_state(meeting)
    assert state.speaker == world.member
    assert [(s.person, s.spoken, s.turn) for s in state.round] == [
        (small, True, False),
        (middle, True, False),
        (world.member, False, True),
        (big, False, False),
    ]
    live.live_round_next(item=item)
    live.live_round_next(item=item)
    with pytest.raises(ValidationError):
        live.live_round_next(item=item)
    # The round belongs to the item: the next item starts a fresh one.
    live.live_next_item(meeting=meeting)
    assert live_state.live_state(meeting).speaker == small


def test_codev_shows_six_timed_phases(world: World) -> None:
    meeting = convened(world, format=Meeting.Format.CODEV)
    live.meeting_start(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=timezone.now() - timedelta(minutes=20))
    meeting.refresh_from_db()
    phases = live_state.live_state(meeting).phases
    assert len(phases) == 6
    assert [p.state for p in phases] == ["past", "current", "next", "next", "next", "next"]


def test_clock_text() -> None:
    assert live_state.clock(0) == "00:00"
    assert live_state.clock(605) == "10:05"
    assert live_state.clock(3725) == "1:02:05"


# --- Pages and actions ------------------------------------------------------------------


def test_member_follows_the_live_page(world: World, member_client: Client) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    response = member_client.get(reverse("meetings:live", args=[meeting.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Point 1" in content and "js/live.js" in content
    assert reverse("meetings:live_events", args=[meeting.pk]) in content
    fragment = member_client.get(reverse("meetings:live_fragment", args=[meeting.pk]))
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content and b'data-version="1"' in fragment.content
    # htmx on the page itself gets the fragment too.
    partial = member_client.get(reverse("meetings:live", args=[meeting.pk]), headers=HTMX)
    assert b"<html" not in partial.content


def test_the_meeting_page_offers_the_live_meeting(world: World, member_client: Client) -> None:
    meeting = convened(world)
    content = member_client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:live", args=[meeting.pk]) in content
    assert reverse("meetings:start", args=[meeting.pk]) in content  # the facilitator


def test_follower_sees_no_controls(world: World) -> None:
    follower = seat(world, "Suiveur", population=300)
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    content = client_for(follower).get(reverse("meetings:live", args=[meeting.pk])).content
    assert b"live-next" not in content and b"<textarea" not in content
    assert (
        reverse("meetings:start", args=[meeting.pk]).encode()
        not in client_for(follower).get(meeting.get_absolute_url()).content
    )


def test_outsider_gets_404_and_anonymous_goes_to_login(world: World) -> None:
    meeting = convened(world)
    item = meeting.items.get(title="Point 1")
    outsider = client_for(world.outsider)
    for name, pk in (("live", meeting.pk), ("live_fragment", meeting.pk)):
        url = reverse(f"meetings:{name}", args=[pk])
        assert outsider.get(url).status_code == 404
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    for name, pk in (("start", meeting.pk), ("live_notes", item.pk)):
        assert outsider.post(reverse(f"meetings:{name}", args=[pk])).status_code == 404


def test_actions_are_posts(world: World, member_client: Client) -> None:
    meeting = convened(world)
    item = meeting.items.get(title="Point 1")
    for name, pk in (
        ("start", meeting.pk),
        ("close", meeting.pk),
        ("live_next", meeting.pk),
        ("live_previous", meeting.pk),
        ("live_round_next", item.pk),
        ("live_notes", item.pk),
        ("live_outcome", item.pk),
    ):
        assert member_client.get(reverse(f"meetings:{name}", args=[pk])).status_code == 405
    assert member_client.post(reverse("meetings:live", args=[meeting.pk])).status_code == 405


def test_a_member_who_does_not_run_the_meeting_gets_403(world: World) -> None:
    follower = client_for(seat(world, "Suiveur", population=300))
    meeting = convened(world)
    item = meeting.items.get(title="Point 1")
    for name, pk in (
        ("start", meeting.pk),
        ("close", meeting.pk),
        ("live_next", meeting.pk),
        ("live_previous", meeting.pk),
        ("live_round_next", item.pk),
        ("live_notes", item.pk),
        ("live_outcome", item.pk),
    ):
        assert follower.post(reverse(f"meetings:{name}", args=[pk])).status_code == 403, name
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED and meeting.live_version == 0


def test_facilitator_runs_the_meeting_without_javascript(
    world: World, member_client: Client
) -> None:
    meeting = convened(world)
    live_url = reverse("meetings:live", args=[meeting.pk])
    response = member_client.post(reverse("meetings:start", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"] == live_url
    member_client.post(reverse("meetings:live_next", args=[meeting.pk]))
    assert titles(meeting) == "Point 2"
    item = meeting.items.get(title="Point 2")
    member_client.post(reverse("meetings:live_notes", args=[item.pk]), {"notes": "Noté."})
    member_client.post(reverse("meetings:live_outcome", args=[item.pk]), {"outcome": "to_prepare"})
    member_client.post(reverse("meetings:live_round_next", args=[item.pk]))
    item.refresh_from_db()
    assert (item.notes, item.outcome, item.round_spoken) == (
        "Noté.",
        "to_prepare",
        [world.member.pk],
    )
    member_client.post(reverse("meetings:live_round_next", args=[item.pk]), {"restart": "1"})
    item.refresh_from_db()
    assert item.round_spoken == []
    response = member_client.post(reverse("meetings:close", args=[meeting.pk]))
    assert response["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_htmx_actions_answer_with_the_fragment(world: World, member_client: Client) -> None:
    meeting = convened(world)
    response = member_client.post(reverse("meetings:start", args=[meeting.pk]), headers=HTMX)
    assert response.status_code == 200 and b'class="live-state"' in response.content
    response = member_client.post(
        reverse("meetings:live_previous", args=[meeting.pk]), headers=HTMX
    )
    assert response.status_code == 200
    assert "C’est le premier point." in response.content.decode()
    item = meeting.items.get(title="Point 1")
    response = member_client.post(
        reverse("meetings:live_notes", args=[item.pk]), {"notes": "En cours"}, headers=HTMX
    )
    assert response.status_code == 200 and response.content.decode().startswith(
        "Notes enregistrées"
    )
    live.meeting_close(meeting=meeting)
    response = member_client.post(
        reverse("meetings:live_notes", args=[item.pk]), {"notes": "Trop tard"}, headers=HTMX
    )
    assert response.status_code == 409


def test_the_secretary_and_the_administrator_run_the_meeting(world: World) -> None:
    secretary = seat(world, "Greffier", population=300)
    meeting = convened(world, secretary=secretary)
    assert (
        client_for(secretary).post(reverse("meetings:start", args=[meeting.pk])).status_code == 302
    )
    assert (
        client_for(world.admin).post(reverse("meetings:live_next", args=[meeting.pk])).status_code
        == 302
    )
    assert titles(meeting) == "Point 2"


def test_fragment_queries_do_not_grow_with_items_or_members(
    world: World, member_client: Client
) -> None:
    def count(meeting: Meeting) -> int:
        url = reverse("meetings:live_fragment", args=[meeting.pk])
        member_client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(url).status_code == 200
        return len(queries)

    small = convened(world, items=1)
    live.meeting_start(meeting=small)
    few = count(small)
    for index in range(8):
        seat(world, f"Nom{index}", population=100 * (index + 1))
    large = convened(world, items=12)
    live.meeting_start(meeting=large)
    AgendaItem.objects.filter(meeting=large).update(presenter=world.member)
    assert count(large) == few


# --- The event stream -------------------------------------------------------------------


# The generator is tested with the polling waiter (SQLite's), which reads through the
# test's own connection; the PostgreSQL waiter reads through its own connection, so its
# test commits (transaction=True).


def test_stream_sends_a_change_when_the_version_moves(world: World) -> None:
    meeting = convened(world)
    stream = live_stream.sync_event_stream(
        meeting.pk, since=0, duration=3, keepalive=10, waiter_factory=live_stream.PollingWaiter
    )
    assert next(stream).startswith("retry:")
    live.meeting_start(meeting=meeting)
    started = time.monotonic()
    assert next(stream) == "id: 1\nevent: change\ndata: 1\n\n"
    assert time.monotonic() - started < 1.0
    stream.close()


def test_stream_tells_at_once_a_page_that_is_behind(world: World) -> None:
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    events = list(
        live_stream.sync_event_stream(
            meeting.pk, since=0, once=True, waiter_factory=live_stream.PollingWaiter
        )
    )
    assert events[1] == "id: 1\nevent: change\ndata: 1\n\n" and len(events) == 2


def test_stream_keeps_alive_and_ends(world: World) -> None:
    meeting = convened(world)
    started = time.monotonic()
    events = list(
        live_stream.sync_event_stream(
            meeting.pk,
            since=0,
            duration=1.2,
            keepalive=0.5,
            waiter_factory=live_stream.PollingWaiter,
        )
    )
    assert time.monotonic() - started < 3
    assert events[0].startswith("retry:")
    assert events.count(": keep-alive\n\n") >= 1
    assert not any("change" in event for event in events)


def test_stream_ends_when_the_meeting_is_gone(world: World) -> None:
    meeting = convened(world)
    pk = meeting.pk
    meeting.delete()
    stream = live_stream.sync_event_stream(
        pk, since=0, duration=5, waiter_factory=live_stream.PollingWaiter
    )
    assert list(stream) == ["retry: 1000\n\n"]


def _later(seconds: float, action: Any) -> threading.Thread:
    """Run `action` in another thread (its own database connection) after a while."""

    def run() -> None:
        time.sleep(seconds)
        try:
            action()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_stream_follows_another_connection(world: World) -> None:
    """Whatever the database: a change committed elsewhere (another process) reaches
    the stream, through LISTEN/NOTIFY on PostgreSQL, by polling on SQLite."""
    meeting = convened(world)
    waiters: list[live_stream.Waiter] = []

    def factory(pk: int) -> live_stream.Waiter:
        waiters.append(live_stream.open_waiter(pk))
        return waiters[-1]

    stream = live_stream.sync_event_stream(
        meeting.pk, since=0, duration=10, keepalive=8, waiter_factory=factory
    )
    next(stream)
    thread = _later(0.5, lambda: live.meeting_start(meeting=Meeting.objects.get(pk=meeting.pk)))
    started = time.monotonic()
    event = next(stream)
    delay = time.monotonic() - started
    stream.close()
    thread.join()
    assert event == "id: 1\nevent: change\ndata: 1\n\n"
    assert delay < 1.5, delay
    expected = (
        live_stream.ListeningWaiter
        if connection.vendor == "postgresql"
        else live_stream.PollingWaiter
    )
    assert isinstance(waiters[0], expected)


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_postgresql_notify_wakes_the_stream_at_once(world: World) -> None:
    """NOTIFY is sent in the service's transaction and delivered at commit: the stream
    waits on LISTEN with no polling (keep-alive 8 s) and wakes within milliseconds."""
    meeting = convened(world)
    waiter = live_stream.ListeningWaiter(meeting.pk)
    try:
        assert waiter.version() == 0
        thread = _later(0.2, lambda: live.meeting_start(meeting=Meeting.objects.get(pk=meeting.pk)))
        started = time.monotonic()
        waiter.wait(8)
        woke = time.monotonic() - started
        thread.join()
        assert woke < 1.0, woke
        assert waiter.version() == 1
        # A rolled back write notifies nobody.
        with pytest.raises(ValidationError):
            live.live_previous_item(meeting=Meeting.objects.get(pk=meeting.pk))
        started = time.monotonic()
        waiter.wait(0.5)
        assert time.monotonic() - started >= 0.45
    finally:
        waiter.close()
    assert waiter.raw.closed


@pytest.mark.django_db(transaction=True)
def test_events_view_streams_server_sent_events(world: World) -> None:
    member_client = client_for(world.member)
    meeting = convened(world)
    live.meeting_start(meeting=meeting)
    url = reverse("meetings:live_events", args=[meeting.pk])
    outsider = client_for(world.outsider)

    def exercise() -> None:  # the view is async: the client wraps it in async_to_sync
        response = member_client.get(url, {"once": "1", "v": "0"})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/event-stream"
        assert response["Cache-Control"].startswith("no-cache")
        body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
        assert "event: change\ndata: 1\n\n" in body
        # A reconnection says where it was with Last-Event-ID.
        response = member_client.get(url, {"once": "1"}, HTTP_LAST_EVENT_ID="0")
        assert "data: 1" in b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
        assert outsider.get(url).status_code == 404

    call_in_own_thread(exercise)


def test_round_follows_recorded_attendance(world: World) -> None:
    meeting = convened(world, items=1)
    live.meeting_start(meeting=meeting)
    item = AgendaItem.objects.get(meeting=meeting, status=AgendaItem.Status.ACCEPTED)
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane")
    MembershipFactory.create(body=world.body, person=zoe)
    ana = PersonFactory.create(first_name="Ana", last_name="Abel")
    MembershipFactory.create(body=world.body, person=ana)
    # Convened: everyone "convoqué·e" → the members.
    for person in (ana, world.member, zoe, world.guest):
        AttendanceFactory.create(meeting=meeting, person=person, status=Attendance.Status.INVITED)
    assert live_state.round_members(meeting) == [ana, world.member, zoe]
    Attendance.objects.filter(meeting=meeting).update(status=Attendance.Status.PRESENT)
    Attendance.objects.filter(meeting=meeting, person=world.member).update(
        status=Attendance.Status.ABSENT
    )
    # Present or represented only, guests never.
    assert live_state.round_members(meeting) == [ana, zoe]
    state = live_state.live_state(meeting)
    assert [s.person for s in state.round] == [ana, zoe]
    live.live_round_next(item=item)
    live.live_round_next(item=item)
    item.refresh_from_db()
    assert item.round_spoken == [ana.pk, zoe.pk]


# --- Opening early ----------------------------------------------------------------------


def test_opening_weeks_ahead_asks_to_confirm(world: World, member_client: Client) -> None:
    meeting = convened(world)
    meeting.starts_at = timezone.now() + timedelta(days=35)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    start = reverse("meetings:start", args=[meeting.pk])
    response = member_client.post(start)
    content = response.content.decode()
    assert response.status_code == 200
    assert "C’est dans 35 jours" in content and 'name="confirm_early"' in content
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED  # nothing opened yet
    # The htmx button gets the same step in the fragment.
    response = member_client.post(start, headers=HTMX)
    assert b"Oui, ouvrir la r" in response.content and b"<html" not in response.content
    response = member_client.post(start, {"confirm_early": "1"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.IN_PROGRESS


def test_opening_the_day_before_needs_no_confirmation(world: World, member_client: Client) -> None:
    meeting = convened(world)
    meeting.starts_at = timezone.now() + timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    assert member_client.post(reverse("meetings:start", args=[meeting.pk])).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.IN_PROGRESS
