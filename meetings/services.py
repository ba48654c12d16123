"""Writes on meetings and attendance (the charter's are governance's). Each one is a
single transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from documents.models import Document
from governance.models import Charter
from governance.selectors import current_charter
from meetings import schedule
from meetings.convocation import meeting_changed
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rotation import HostRotation, current_members
from meetings.selectors import meeting_invitees
from territories.models import Organisation

# --- Calendar --------------------------------------------------------------------------

GENERATION_DAYS = 365


@dataclass
class GenerationReport:
    created: list[Meeting] = field(default_factory=list)
    updated: list[Meeting] = field(default_factory=list)
    removed: int = 0
    kept: list[Meeting] = field(default_factory=list)  # off the new rule but in use
    skipped: list[tuple[date, str]] = field(default_factory=list)  # holidays


# "Mairie d'Aizenay", "d'Yvré", but "de Hautefort": an initial h is left alone.
ELIDING = set("aeiouyàâéèêëîïôöûüœ")


def _place_of(organisation: Organisation | None) -> str:
    """Where a meeting hosted by `organisation` is held: its postal address (which
    already names the commune: "Mairie, 1 place de la Mairie, 85150 Martinet"; otherwise
    preceded by the organisation's name), or the town hall of a commune without one."""
    if organisation is None:
        return ""
    if organisation.address:
        if organisation.name.casefold() in organisation.address.casefold():
            return organisation.address
        return f"{organisation.name}, {organisation.address}"
    if organisation.kind not in (Organisation.Kind.COMMUNE, Organisation.Kind.DELEGATED_COMMUNE):
        return organisation.name
    name = organisation.name
    # French contracts "de Les Achards" into "des Achards", "de Le Girouard" into "du Girouard".
    if name.startswith("Les "):
        return _("Mairie des %(name)s") % {"name": name[4:]}
    if name.startswith("Le "):
        return _("Mairie du %(name)s") % {"name": name[3:]}
    if name[:1].casefold() in ELIDING:
        return _("Mairie d’%(name)s") % {"name": name}
    return _("Mairie de %(name)s") % {"name": name}


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def meetings_generate(
    *, body: Body, start: date | None = None, end: date | None = None
) -> GenerationReport:
    """Plan the body's meetings from its adopted charter, from `start` (today) for a year.

    Idempotent: an occurrence is matched to the generated meeting of the same day, from
    any charter version. After a new version, a meeting on a day the rule no longer hits
    is removed only when nothing has been done with it (still planned, not moved, no
    roles, items, attendance or documents); otherwise it is kept and reported.
    Occurrences on public holidays are skipped.
    """
    charter = current_charter(body)
    if charter is None or charter.adopted_on is None:
        raise ValidationError(_("L'instance n'a pas encore de charte adoptée."))
    start = start or timezone.localdate()
    end = end or start + timedelta(days=GENERATION_DAYS)
    planned = schedule.occurrences(
        rule=charter.recurrence,
        anchor=charter.adopted_on,
        start_time=charter.start_time,
        end_time=charter.end_time,
        start=start,
        end=end,
    )
    report = GenerationReport(skipped=planned.skipped)
    existing = {
        timezone.localdate(m.original_starts_at): m
        for m in _generated(body, start, end)
        if m.original_starts_at is not None
    }
    hosts = HostRotation(body) if charter.place_mode == Charter.PlaceMode.ROTATING else None
    for occurrence in planned.kept:
        meeting = existing.pop(timezone.localdate(occurrence.starts_at), None)
        if meeting is None:
            report.created.append(_create_occurrence(body, charter, occurrence, hosts))
        elif meeting.charter_id != charter.pk:
            _rebind(meeting, charter, occurrence)
            report.updated.append(meeting)
    for meeting in existing.values():
        if meeting.in_use or meeting.charter_id == charter.pk:  # type: ignore[attr-defined]
            report.kept.append(meeting)
        else:
            meeting.delete()
            report.removed += 1
    return report


def _generated(body: Body, start: date, end: date) -> list[Meeting]:
    """The meetings generated for occurrences in [start, end), each with `in_use`: true
    once something was done with it, so that regenerating never throws work away."""
    meetings = body.meetings.filter(
        charter__isnull=False,
        original_starts_at__gte=_aware(start),
        original_starts_at__lt=_aware(end),
    ).annotate(
        has_items=Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"))),
        has_attendance=Exists(Attendance.objects.filter(meeting=OuterRef("pk"))),
        has_documents=Exists(Document.objects.filter(meeting=OuterRef("pk"))),
    )
    result: list[Meeting] = []
    for meeting in meetings.order_by("original_starts_at"):
        meeting.in_use = (  # type: ignore[attr-defined]
            meeting.has_items
            or meeting.has_attendance
            or meeting.has_documents
            or meeting.status != Meeting.Status.PLANNED
            or meeting.starts_at != meeting.original_starts_at
            or meeting.facilitator_id is not None
            or meeting.secretary_id is not None
        )
        result.append(meeting)
    return result


def _create_occurrence(
    body: Body, charter: Charter, occurrence: schedule.Occurrence, hosts: HostRotation | None
) -> Meeting:
    host = hosts.next(occurrence.starts_at) if hosts is not None else None
    meeting = Meeting(
        body=body,
        charter=charter,
        starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at,
        original_starts_at=occurrence.starts_at,
        place=charter.fixed_place if hosts is None else _place_of(host),
        host=host,
    )
    meeting.save()
    return meeting


def _rebind(meeting: Meeting, charter: Charter, occurrence: schedule.Occurrence) -> None:
    """A meeting of an earlier version on a day the new rule still hits: it now belongs
    to the new version; untouched, it takes the new times."""
    meeting.charter = charter
    untouched = (
        meeting.status == Meeting.Status.PLANNED and meeting.starts_at == meeting.original_starts_at
    )
    if untouched:
        meeting.starts_at = occurrence.starts_at
        meeting.ends_at = occurrence.ends_at
        meeting.original_starts_at = occurrence.starts_at
        if charter.place_mode == Charter.PlaceMode.FIXED and not meeting.host_id:
            meeting.place = charter.fixed_place
    meeting.save()


# --- One meeting ------------------------------------------------------------------------


def _check_meeting(meeting: Meeting) -> None:
    if meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"end_time": _("L'heure de fin doit suivre l'heure de début.")})
    if meeting.host is not None and meeting.host.territory_id != meeting.body.territory_id:
        raise ValidationError({"host": _("Cette organisation relève d'un autre territoire.")})


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    starts_at: datetime,
    ends_at: datetime,
    format: str = Meeting.Format.WORKING,
    title: str = "",
    place: str = "",
    host: Organisation | None = None,
) -> Meeting:
    """A one-off meeting, outside the charter's rhythm (a seminar, a co-développement)."""
    meeting = Meeting(
        body=body,
        format=format,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip() or _place_of(host),
        host=host,
    )
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    starts_at: datetime,
    ends_at: datetime,
    format: str,
    title: str = "",
    place: str = "",
    host: Organisation | None = None,
) -> Meeting:
    """Move or edit one meeting. A generated meeting keeps the occurrence it came from
    (original_starts_at), so regenerating the calendar does not plan it twice. Once the
    invitation was sent, a change of date or place sends an update to those invited."""
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ValidationError(_("Une réunion tenue ou annulée ne se déplace plus."))
    moved = (meeting.starts_at, meeting.ends_at, meeting.place) != (starts_at, ends_at, place)
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.format = format
    meeting.title = title.strip()
    meeting.place = place.strip() or _place_of(host)
    meeting.host = host
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    if moved:
        # Once convened, the invited people get the updated invitation (SEQUENCE + 1).
        meeting_changed(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_roles_set(
    *,
    meeting: Meeting,
    facilitator: Person | None,
    secretary: Person | None,
    host: Organisation | None,
) -> Meeting:
    """Confirm who facilitates, who takes the minutes and which organisation hosts."""
    members = {person.pk for person in current_members(meeting.body)}
    for name, person in (("facilitator", facilitator), ("secretary", secretary)):
        if (
            person is not None
            and person.pk not in members
            and person.pk != getattr(meeting, f"{name}_id")
        ):
            raise ValidationError({name: _("Cette personne ne siège pas dans l'instance.")})
    meeting.facilitator = facilitator
    meeting.secretary = secretary
    if host != meeting.host:
        # The place follows the host unless someone wrote another place by hand.
        if not meeting.place or meeting.place == _place_of(meeting.host):
            meeting.place = _place_of(host)
        meeting.host = host
    _check_meeting(meeting)
    meeting.save()
    return meeting


# --- Attendance -------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceEntry:
    person: Person
    status: str
    represented_by: Person | None = None


@transaction.atomic
def attendance_record(*, meeting: Meeting, entries: Sequence[AttendanceEntry]) -> list[Attendance]:
    """Record who was present, excused, represented (and by whom) or absent. All or
    nothing: one wrong line and nothing is written."""
    invited = {person.pk for person in meeting_invitees(meeting)}
    errors: list[str] = []
    for entry in entries:
        if entry.person.pk not in invited:
            message = _("%(name)s n'est pas invité·e à cette réunion.")
            errors.append(message % {"name": entry.person})
        if entry.status not in Attendance.Status.values:
            errors.append(_("Présence inconnue pour %(name)s.") % {"name": entry.person})
        if entry.status == Attendance.Status.REPRESENTED:
            if entry.represented_by is None:
                errors.append(_("Indiquez qui représente %(name)s.") % {"name": entry.person})
            elif entry.represented_by.pk == entry.person.pk:
                errors.append(
                    _("%(name)s ne peut pas se représenter soi-même.") % {"name": entry.person}
                )
    if errors:
        raise ValidationError(errors)
    existing = {a.person_id: a for a in meeting.attendances.all()}
    saved: list[Attendance] = []
    for entry in entries:
        attendance = existing.get(entry.person.pk) or Attendance(
            meeting=meeting, person=entry.person
        )
        represented_by = (
            entry.represented_by if entry.status == Attendance.Status.REPRESENTED else None
        )
        changed = attendance.pk is None or (attendance.status, attendance.represented_by_id) != (
            entry.status,
            represented_by.pk if represented_by else None,
        )
        if changed:
            attendance.status = entry.status
            attendance.represented_by = represented_by
            attendance.save()
        saved.append(attendance)
    return saved
