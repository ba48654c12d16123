"""Demo meetings of the codir: a year of meetings planned from its adopted charter and
the three last meetings held, with their attendance. Loading twice changes nothing.

Run by the demo loader (demo/registry.py) once the people and bodies exist and the
charter is adopted (by consent: decisions/demo/governance.py `demo_charter`).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from bodies.selectors import first_codir
from governance.models import Charter
from governance.selectors import current_charter
from meetings import schedule
from meetings.models import Attendance, Meeting
from meetings.rotation import suggest_roles
from meetings.selectors import meeting_invitees
from meetings.services import (
    AttendanceEntry,
    attendance_record,
    meeting_roles_set,
    meetings_generate,
)
from territories.models import Territory

# Who was not "present" at each of the two past meetings (e-mail local part → status).
ABSENCES: list[dict[str, str]] = [
    {"pierre.auger": Attendance.Status.EXCUSED},
    {"marc.tessier": Attendance.Status.EXCUSED, "amandine.rocher": Attendance.Status.ABSENT},
    {"sophie.garnier": Attendance.Status.REPRESENTED, "helene.vasseur": Attendance.Status.ABSENT},
]
# Who represents whom, when someone is represented.
PROXIES = {"sophie.garnier": "julien.brehier"}


def _last_held_occurrences(charter: Charter, today: date) -> list[schedule.Occurrence]:
    assert charter.adopted_on is not None
    past = schedule.occurrences(
        rule=charter.recurrence,
        anchor=charter.adopted_on,
        start_time=charter.start_time,
        end_time=charter.end_time,
        start=today - timedelta(days=150),
        end=today,
    )
    return past.kept[-len(ABSENCES) :]


def _hold(meeting: Meeting, absences: dict[str, str]) -> None:
    """Roles as the rotation suggests, status held, attendance recorded."""
    if meeting.facilitator_id is None:
        suggestion = suggest_roles(meeting)
        meeting_roles_set(
            meeting=meeting,
            facilitator=suggestion.facilitator,
            secretary=suggestion.secretary,
            host=meeting.host or suggestion.host,
        )
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    if meeting.attendances.exists():
        return
    invitees = meeting_invitees(meeting)
    by_key = {person.email.split("@")[0]: person for person in invitees}
    entries = []
    roles = {meeting.facilitator_id, meeting.secretary_id}
    for person in invitees:
        key = person.email.split("@")[0]
        status = absences.get(key, Attendance.Status.PRESENT)
        if person.pk in roles:  # whoever held a role was there
            status = Attendance.Status.PRESENT
        proxy = (
            by_key.get(PROXIES.get(key, "")) if status == Attendance.Status.REPRESENTED else None
        )
        if status == Attendance.Status.REPRESENTED and proxy is None:
            status = Attendance.Status.EXCUSED
        entries.append(AttendanceEntry(person=person, status=status, represented_by=proxy))
    attendance_record(meeting=meeting, entries=entries)


@transaction.atomic
def demo_meetings(territory: Territory) -> None:
    """The codir's meetings from its adopted charter (2nd Tuesday of each month in the
    demo), from the last three held ones to a year after the first day of this month,
    and the next meeting's roles. Nothing without an adopted charter."""
    body = first_codir(territory)
    if body is None:
        return
    charter = current_charter(body)
    if charter is None:
        return
    today = timezone.localdate()
    held = _last_held_occurrences(charter, today)
    first_of_month = today.replace(day=1)
    start = timezone.localdate(held[0].starts_at) if held else first_of_month
    meetings_generate(body=body, start=start, end=first_of_month + timedelta(days=366))
    for occurrence, absences in zip(held, ABSENCES, strict=False):
        meeting = body.meetings.get(charter=charter, original_starts_at=occurrence.starts_at)
        _hold(meeting, absences)
    upcoming = body.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    if upcoming is not None and upcoming.facilitator_id is None:
        suggestion = suggest_roles(upcoming)
        meeting_roles_set(
            meeting=upcoming,
            facilitator=suggestion.facilitator,
            secretary=suggestion.secretary,
            host=upcoming.host or suggestion.host,
        )
