"""The live meeting: writes (start, move between items, speaking round, notes, outcome,
close) and the reads of the live page. Each write is one transaction that bumps
`Meeting.live_version` and, on PostgreSQL, sends `NOTIFY meeting_<pk>` with the new
version. NOTIFY is transactional: PostgreSQL delivers it when the transaction commits,
never if it rolls back, so it is an "after commit" signal without a window in which the
process could die between the commit and the notification.

Permissions are checked by the views (meeting_permissions(...).run); the services check
what the data forbids (a meeting not in progress, an item of another meeting...).

The participants' pages wait for a change through the helpers at the end of this module
(`open_waiter`, `event_stream`): nothing is kept in one process's memory, so any number
of processes behind a load balancer serve the same meeting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import BodyMembership
from core import validators
from meetings import schedule
from meetings.agenda_services import agenda_carry_over
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rotation import current_members

# --- Writes ----------------------------------------------------------------------------


def channel(meeting_id: int) -> str:
    """The PostgreSQL channel of one meeting."""
    return f"meeting_{int(meeting_id)}"


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _bump(locked: Meeting, meeting: Meeting | None = None) -> int:
    """Increment the live version in this transaction and notify the listeners (delivered
    by PostgreSQL at commit). Returns the new version."""
    Meeting.objects.filter(pk=locked.pk).update(live_version=F("live_version") + 1)
    version = Meeting.objects.filter(pk=locked.pk).values_list("live_version", flat=True).get()
    locked.live_version = version
    if meeting is not None:
        meeting.live_version = version
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [channel(locked.pk), str(version)])
    return version


@transaction.atomic
def live_touch(meeting_id: int) -> int:
    """Something shown on the live page changed elsewhere (a proposal treated on an item:
    decisions/proposals/guards.py): bump the version so that the participants' pages reload."""
    locked = Meeting.objects.select_for_update().get(pk=meeting_id)
    return _bump(locked)


def round_members(meeting: Meeting) -> list[Person]:
    """Who takes part in the speaking round: once attendance is recorded (someone marked
    otherwise than "convoqué·e"), those present or represented; before that, the body's
    current members. Guests never; by name either way."""
    attendances = Attendance.objects.filter(meeting=meeting)
    if not attendances.exclude(status=Attendance.Status.INVITED).exists():
        return current_members(meeting.body)
    ids = (
        attendances.filter(status__in=(Attendance.Status.PRESENT, Attendance.Status.REPRESENTED))
        .exclude(
            person__in=BodyMembership.objects.current()
            .filter(body=meeting.body, role=BodyMembership.Role.GUEST)
            .values("person_id")
        )
        .values("person_id")
    )
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    """The items treated in the meeting: those accepted on the agenda, in order."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED).order_by(
            "position", "proposed_at", "pk"
        )
    )


def _check_in_progress(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.IN_PROGRESS:
        raise ValidationError(_("La réunion n’est pas en cours."))


def _leave_current(locked: Meeting, now: datetime) -> None:
    """Add the time spent on the current item since it became current."""
    if locked.current_item_id is None or locked.current_item_since is None:
        return
    seconds = max(0, int((now - locked.current_item_since).total_seconds()))
    AgendaItem.objects.filter(pk=locked.current_item_id).update(
        time_spent_seconds=F("time_spent_seconds") + seconds
    )


def _enter(locked: Meeting, item: AgendaItem | None, now: datetime) -> None:
    locked.current_item = item
    locked.current_item_since = now if item is not None else None
    if item is not None and item.started_at is None:
        item.started_at = now
        item.save(update_fields=["started_at"])


def _sync(meeting: Meeting, locked: Meeting) -> None:
    """Copy the live fields onto the caller's instance."""
    for name in (
        "status",
        "started_at",
        "closed_at",
        "current_item_id",
        "current_item_since",
        "live_version",
    ):
        setattr(meeting, name, getattr(locked, name))


@transaction.atomic
def meeting_start(*, meeting: Meeting) -> Meeting:
    """Open a convened meeting: it is in progress, on its first item."""
    locked = _lock(meeting)
    if locked.status != Meeting.Status.CONVENED:
        raise ValidationError(_("Seule une réunion convoquée peut être ouverte."))
    now = timezone.now()
    agenda = _agenda(locked)
    locked.status = Meeting.Status.IN_PROGRESS
    locked.started_at = now
    _enter(locked, agenda[0] if agenda else None, now)
    locked.save(update_fields=["status", "started_at", "current_item", "current_item_since"])
    _bump(locked)
    _sync(meeting, locked)
    return locked


@transaction.atomic
def meeting_close(*, meeting: Meeting) -> Meeting:
    """Close the meeting (held): the time spent on the current item is recorded and the
    items not treated go to the body's next meeting (agenda_carry_over)."""
    locked = _lock(meeting)
    if locked.status not in (Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS):
        raise ValidationError(_("Seule une réunion convoquée ou en cours peut être close."))
    now = timezone.now()
    _leave_current(locked, now)
    locked.status = Meeting.Status.HELD
    locked.closed_at = now
    locked.started_at = locked.started_at or now
    locked.current_item = None
    locked.current_item_since = None
    locked.save(
        update_fields=["status", "closed_at", "started_at", "current_item", "current_item_since"]
    )
    agenda_carry_over(meeting=locked)
    _bump(locked)
    _sync(meeting, locked)
    return locked


def _move(meeting: Meeting, step: int) -> Meeting:
    locked = _lock(meeting)
    _check_in_progress(locked)
    agenda = _agenda(locked)
    ids = [item.pk for item in agenda]
    # Without a current item (or if it left the agenda), start from the first one.
    current = locked.current_item_id
    target = ids.index(current) + step if current in ids else 0
    if not 0 <= target < len(agenda):
        raise ValidationError(
            _("C’est le dernier point.") if step > 0 else _("C’est le premier point.")
        )
    now = timezone.now()
    _leave_current(locked, now)
    _enter(locked, agenda[target], now)
    locked.save(update_fields=["current_item", "current_item_since"])
    _bump(locked)
    _sync(meeting, locked)
    return locked


@transaction.atomic
def live_next_item(*, meeting: Meeting) -> Meeting:
    """Go to the next item of the agenda."""
    return _move(meeting, +1)


@transaction.atomic
def live_previous_item(*, meeting: Meeting) -> Meeting:
    """Come back to the previous item (its time keeps adding up)."""
    return _move(meeting, -1)


def _item_in_progress(item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    locked = _lock(item.meeting)
    _check_in_progress(locked)
    fresh = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if fresh.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Ce point n’est pas à l’ordre du jour de la réunion."))
    return locked, fresh


def round_order(item: AgendaItem, members: list[Person]) -> list[Person]:
    """The speaking round: each current member once, by name (never by the size of their
    organisation); those who have spoken first, in the order they spoke."""
    by_id = {person.pk: person for person in members}
    spoken = [by_id[pk] for pk in item.round_spoken if pk in by_id]
    return spoken + [person for person in members if person.pk not in item.round_spoken]


def next_speaker(item: AgendaItem, members: list[Person]) -> Person | None:
    return next((person for person in members if person.pk not in item.round_spoken), None)


@transaction.atomic
def live_round_next(*, item: AgendaItem) -> AgendaItem:
    """The person whose turn it is has spoken (or passes): the turn goes to the next one
    by name."""
    locked, fresh = _item_in_progress(item)
    speaker = next_speaker(fresh, round_members(locked))
    if speaker is None:
        raise ValidationError(_("Tout le monde a eu la parole."))
    fresh.round_spoken = [*fresh.round_spoken, speaker.pk]
    fresh.save(update_fields=["round_spoken"])
    item.round_spoken = fresh.round_spoken
    _bump(locked, item.meeting)
    return fresh


@transaction.atomic
def live_round_restart(*, item: AgendaItem) -> AgendaItem:
    """Start the speaking round of the item again, from the first name."""
    locked, fresh = _item_in_progress(item)
    fresh.round_spoken = []
    fresh.save(update_fields=["round_spoken"])
    item.round_spoken = []
    _bump(locked, item.meeting)
    return fresh


@transaction.atomic
def item_notes_save(*, item: AgendaItem, notes: str) -> AgendaItem:
    """The secretary's notes on the item (the minutes are drafted from them)."""
    notes = validators.clean_text(notes)  # PostgreSQL refuses NUL: say so, not a 500
    locked, fresh = _item_in_progress(item)
    fresh.notes = notes.replace("\r\n", "\n").strip()
    fresh.save(update_fields=["notes"])
    item.notes = fresh.notes
    _bump(locked, item.meeting)
    return fresh


@transaction.atomic
def item_outcome_set(*, item: AgendaItem, outcome: str) -> AgendaItem:
    """Record what came of the item: noted, opinion given, decision to prepare, deferred
    (a deferred item goes to the next meeting when this one closes)."""
    if outcome not in AgendaItem.Outcome.values:
        raise ValidationError({"outcome": _("Cette issue n’existe pas.")})
    locked, fresh = _item_in_progress(item)
    fresh.outcome = outcome
    fresh.save(update_fields=["outcome"])
    item.outcome = outcome
    _bump(locked, item.meeting)
    return fresh


# --- Reads -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    person: Person
    spoken: bool
    turn: bool


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    number: int
    spent: str  # time spent so far, as a clock
    current: bool


@dataclass(frozen=True)
class PhaseState:
    label: str
    minutes: int
    starts_at: datetime
    offset_seconds: int  # from the anchor
    state: str  # "past", "current", "next"

    @property
    def end_seconds(self) -> int:
        return self.offset_seconds + self.minutes * 60


def clock(seconds: int) -> str:
    """12:05, or 1:02:05 past an hour (live.js writes the same while it ticks)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class LiveState:
    meeting: Meeting
    agenda: list[AgendaItem]
    rows: list[AgendaRow]
    current: AgendaItem | None
    number: int  # 1-based position of the current item, 0 without one
    has_previous: bool
    has_next: bool
    item_elapsed: int  # seconds spent on the current item so far
    meeting_elapsed: int
    meeting_planned: int
    round: list[Speaker]
    speaker: Person | None
    phases: list[PhaseState]
    phases_elapsed: int

    @property
    def running(self) -> bool:
        return self.meeting.status == Meeting.Status.IN_PROGRESS

    @property
    def item_elapsed_text(self) -> str:
        return clock(self.item_elapsed)

    @property
    def item_planned(self) -> int:
        return self.current.duration_minutes * 60 if self.current is not None else 0

    @property
    def item_overtime(self) -> bool:
        return self.current is not None and self.item_elapsed > self.item_planned

    @property
    def meeting_elapsed_text(self) -> str:
        return clock(self.meeting_elapsed)

    @property
    def meeting_planned_text(self) -> str:
        return clock(self.meeting_planned)

    @property
    def spoken_count(self) -> int:
        return sum(1 for speaker in self.round if speaker.spoken)


def elapsed_on(item: AgendaItem, meeting: Meeting, now: datetime) -> int:
    seconds = item.time_spent_seconds
    if meeting.current_item_id == item.pk and meeting.current_item_since is not None:
        seconds += max(0, int((now - meeting.current_item_since).total_seconds()))
    return seconds


def _phases(anchor: datetime, now: datetime) -> tuple[list[PhaseState], int]:
    elapsed = max(0, int((now - anchor).total_seconds()))
    phases: list[PhaseState] = []
    for phase in schedule.codev_timeline(anchor):
        offset = int((phase.starts_at - anchor).total_seconds())
        end = offset + phase.minutes * 60
        state = "past" if elapsed >= end else "current" if elapsed >= offset else "next"
        phases.append(PhaseState(phase.label, phase.minutes, phase.starts_at, offset, state))
    if phases and all(phase.state == "past" for phase in phases):
        last = phases[-1]
        phases[-1] = PhaseState(
            last.label, last.minutes, last.starts_at, last.offset_seconds, "current"
        )
    return phases, elapsed


def live_state(meeting: Meeting, *, now: datetime | None = None) -> LiveState:
    """Everything the live page shows, in a fixed number of queries whatever the number
    of items and members."""
    now = now or timezone.now()
    agenda = list(
        AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED)
        .select_related("presenter")
        .order_by("position", "proposed_at", "pk")
    )
    index = next((i for i, item in enumerate(agenda) if item.pk == meeting.current_item_id), None)
    current = agenda[index] if index is not None else None
    members = round_members(meeting)
    speakers: list[Speaker] = []
    speaker: Person | None = None
    if current is not None:
        speaker = next_speaker(current, members)
        speakers = [
            Speaker(
                person=person,
                spoken=person.pk in current.round_spoken,
                turn=speaker is not None and person.pk == speaker.pk,
            )
            for person in round_order(current, members)
        ]
    phases: list[PhaseState] = []
    phases_elapsed = 0
    codev_item = current is not None and current.kind == AgendaItem.Kind.CODEV
    if meeting.status == Meeting.Status.IN_PROGRESS and (
        codev_item or meeting.format == Meeting.Format.CODEV
    ):
        anchor = (
            current.started_at
            if codev_item and current is not None and current.started_at
            else meeting.started_at
        )
        if anchor is not None:
            phases, phases_elapsed = _phases(anchor, now)
    started = meeting.started_at
    if started is None:
        meeting_elapsed = 0
    else:
        meeting_elapsed = max(0, int(((meeting.closed_at or now) - started).total_seconds()))
    return LiveState(
        meeting=meeting,
        agenda=agenda,
        rows=[
            AgendaRow(
                item=item,
                number=number,
                spent=clock(elapsed_on(item, meeting, now)),
                current=item.pk == meeting.current_item_id,
            )
            for number, item in enumerate(agenda, start=1)
        ],
        current=current,
        number=(index + 1) if index is not None else 0,
        has_previous=index is not None and index > 0,
        has_next=bool(agenda) if index is None else index + 1 < len(agenda),
        item_elapsed=elapsed_on(current, meeting, now) if current is not None else 0,
        meeting_elapsed=meeting_elapsed,
        meeting_planned=int((meeting.ends_at - meeting.starts_at).total_seconds()),
        round=speakers,
        speaker=speaker,
        phases=phases,
        phases_elapsed=phases_elapsed,
    )


# --- Waiting for a change (server-sent events) -------------------------------------------

# How long one stream lasts before the browser reconnects (EventSource does it by
# itself, after `retry` milliseconds), how often a comment keeps proxies from closing an
# idle connection, and how often SQLite is polled (no LISTEN/NOTIFY there).
# Settings CODIR_LIVE_STREAM_SECONDS and CODIR_LIVE_KEEPALIVE_SECONDS change the first two
# (the browser tests shorten them so that no stream outlives its test).
STREAM_SECONDS = 60.0
KEEPALIVE_SECONDS = 15.0
SQLITE_POLL_SECONDS = 0.5
RETRY_MILLISECONDS = 1000


# How many streams this process serves now: a figure for monitoring and for the tests
# (which wait for the streams to end); no meeting's state lives in memory.
_streams_lock = threading.Lock()
_streams_open = 0


def open_streams() -> int:
    return _streams_open


def _count_stream(delta: int) -> None:
    global _streams_open
    with _streams_lock:
        _streams_open += delta


def stream_seconds() -> float:
    return float(getattr(settings, "CODIR_LIVE_STREAM_SECONDS", STREAM_SECONDS))


def keepalive_seconds() -> float:
    return float(getattr(settings, "CODIR_LIVE_KEEPALIVE_SECONDS", KEEPALIVE_SECONDS))


class Waiter(Protocol):
    def version(self) -> int | None: ...

    def wait(self, timeout: float) -> None: ...

    def close(self) -> None: ...


class PollingWaiter:
    """SQLite (the single-process demo): read the version every half second."""

    def __init__(self, meeting_id: int, interval: float = SQLITE_POLL_SECONDS) -> None:
        self.meeting_id = meeting_id
        self.interval = interval

    def version(self) -> int | None:
        return (
            Meeting.objects.filter(pk=self.meeting_id)
            .values_list("live_version", flat=True)
            .first()
        )

    def wait(self, timeout: float) -> None:
        time.sleep(max(0.0, min(timeout, self.interval)))

    def close(self) -> None:
        pass


class ListeningWaiter:
    """PostgreSQL: LISTEN on the meeting's channel over a dedicated connection, woken at
    once by the NOTIFY of any process. The same connection reads the version, so a stream
    holds one database connection, closed with the stream."""

    def __init__(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.wrapper = connections.create_connection("default")
        self.wrapper.ensure_connection()
        self.wrapper.set_autocommit(True)
        self.raw = self.wrapper.connection
        self.raw.execute(f"LISTEN {channel(meeting_id)}")

    def version(self) -> int | None:
        row = self.raw.execute(
            f"SELECT live_version FROM {Meeting._meta.db_table} WHERE id = %s",
            [self.meeting_id],
        ).fetchone()
        return None if row is None else int(row[0])

    def wait(self, timeout: float) -> None:
        for _notify in self.raw.notifies(timeout=max(0.0, timeout), stop_after=1):
            break

    def close(self) -> None:
        try:
            if self.raw is not None and not self.raw.closed:
                self.raw.execute("UNLISTEN *")
        finally:
            self.wrapper.close()


def open_waiter(meeting_id: int) -> Waiter:
    if connection.vendor == "postgresql":
        return ListeningWaiter(meeting_id)
    return PollingWaiter(meeting_id)


def change_event(version: int) -> str:
    return f"id: {version}\nevent: change\ndata: {version}\n\n"


def event_stream(
    meeting_id: int,
    since: int | None,
    *,
    duration: float = STREAM_SECONDS,
    keepalive: float = KEEPALIVE_SECONDS,
    once: bool = False,
    waiter_factory: Callable[[int], Waiter] = open_waiter,
    clock: Callable[[], float] = time.monotonic,
) -> Generator[str]:
    """The text of a server-sent events stream: `event: change` with the new version each
    time the meeting's live version differs from the one the page shows (`since`), a
    comment every `keepalive` seconds, and the end after `duration` seconds (the browser
    reconnects, with Last-Event-ID). With `once`, the stream ends after the first change
    event (or the first keep-alive): an honest, bounded answer for scripts and tests.
    The stream ends too when the meeting disappears."""
    yield f"retry: {RETRY_MILLISECONDS}\n\n"
    waiter = waiter_factory(meeting_id)
    _count_stream(+1)
    try:
        start = clock()
        beat = start
        while True:
            version = waiter.version()
            if version is None:
                return
            if version != since:
                since = version
                yield change_event(version)
                if once:
                    return
            now = clock()
            if now - start >= duration:
                return
            if now - beat >= keepalive:
                beat = now
                yield ": keep-alive\n\n"
                if once:
                    return
            waiter.wait(min(duration - (now - start), keepalive - (now - beat)))
    finally:
        try:
            waiter.close()
        finally:
            _count_stream(-1)
