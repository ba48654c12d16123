"""The live meeting as its page shows it: who takes part in the speaking round and in
which order (rules the writes in meetings/live.py apply too), and everything the live page
draws, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from accounts.models import Person
from bodies.models import BodyMembership
from meetings import schedule
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rotation import current_members

# --- The speaking round ------------------------------------------------------------------


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


def round_order(item: AgendaItem, members: list[Person]) -> list[Person]:
    """The speaking round: each current member once, by name (never by the size of their
    organisation); those who have spoken first, in the order they spoke."""
    by_id = {person.pk: person for person in members}
    spoken = [by_id[pk] for pk in item.round_spoken if pk in by_id]
    return spoken + [person for person in members if person.pk not in item.round_spoken]


def next_speaker(item: AgendaItem, members: list[Person]) -> Person | None:
    return next((person for person in members if person.pk not in item.round_spoken), None)


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
