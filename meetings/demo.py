"""Demo meetings of the codir: an adopted charter, a year of planned meetings and the two
last meetings held, with their attendance. Loading twice changes nothing.

Called by core/demo.py once the people and bodies exist.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from governance.models import Charter
from meetings import schedule
from meetings.models import Attendance, Meeting
from meetings.rotation import suggest_roles
from meetings.selectors import meeting_invitees
from meetings.services import (
    AttendanceEntry,
    attendance_record,
    charter_draft_save,
    charter_submit,
    meeting_roles_set,
    meetings_generate,
)
from territories.models import Territory
from territories.selectors import epci_dgs

ADOPTED_ON = date(2024, 1, 15)
RULE = "FREQ=MONTHLY;BYDAY=+2TU"

# Who was not "present" at each of the two past meetings (e-mail local part → status).
ABSENCES: list[dict[str, str]] = [
    {"pierre.auger": Attendance.Status.EXCUSED},
    {"marc.tessier": Attendance.Status.EXCUSED, "amandine.rocher": Attendance.Status.ABSENT},
    {"sophie.garnier": Attendance.Status.REPRESENTED, "helene.vasseur": Attendance.Status.ABSENT},
]
# Who represents whom, when someone is represented.
PROXIES = {"sophie.garnier": "julien.brehier"}


def _ensure_charter(body: Body, recorder: Person | None) -> Charter:
    """The charter v1, adopted by consent at the codir's constitutive meeting (a consent
    proposal in which every member consented, decided on ADOPTED_ON)."""
    from decisions.framework_demo import adopt_by_consent

    charter = body.charters.filter(adopted_on__isnull=False).order_by("-version").first()
    if charter is not None:
        return charter
    draft = charter_draft_save(
        body=body,
        attendance="Les DGS de la communauté de communes et des communes, les secrétaires "
        "de mairie des communes sans DGS. En cas d'empêchement, un·e adjoint·e peut "
        "représenter sa collectivité.",
        standing_guests="Le responsable du service commun d'instruction du droit des sols ; "
        "la conseillère en organisation du centre de gestion pour le co-développement.",
        recurrence=RULE,
        start_time=time(9, 0),
        end_time=time(11, 30),
        place_mode=Charter.PlaceMode.ROTATING,
        notice_days=7,
        minutes_review_days=10,
        facilitation_mode=Charter.FacilitationMode.ROTATING,
    )
    if recorder is None:
        return draft
    proposal = charter_submit(charter=draft, proposer=recorder)
    adopt_by_consent(
        proposal=proposal,
        driver=recorder,
        decided_on=ADOPTED_ON,
        reactions=(
            "Sept jours pour recevoir les documents, c'est ce qu'il faut aux secrétaires de "
            "mairie à temps partiel.",
        ),
    )
    draft.refresh_from_db()
    return draft


def _last_held_occurrences(charter: Charter, today: date) -> list[schedule.Occurrence]:
    past = schedule.occurrences(
        rule=charter.recurrence,
        anchor=ADOPTED_ON,
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
    """The codir's charter (2nd Tuesday of each month, 9:00-11:30, rotating places,
    notice 7 days, adopted 15 January 2024), its meetings from the last three held ones
    to a year after the first day of this month, and the next meeting's roles."""
    body = (
        Body.objects.filter(territory=territory, kind=Body.Kind.STRATEGIC_CODIR)
        .order_by("pk")
        .first()
    )
    if body is None:
        return
    charter = _ensure_charter(body, epci_dgs(territory))
    if not charter.is_adopted:
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
