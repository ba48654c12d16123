"""Writes on charters, meetings and attendance. Each one is a single transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from governance.models import Charter
from meetings import schedule
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rotation import HostRotation, current_members
from meetings.selectors import current_charter, meeting_invitees
from territories.models import Organisation

if TYPE_CHECKING:
    from decisions.models import Proposal

# --- Charter ---------------------------------------------------------------------------


def _check_charter(charter: Charter) -> None:
    errors: dict[str, str] = {}
    try:
        schedule.validate_rule(charter.recurrence)
    except (ValueError, TypeError):
        errors["recurrence"] = _("Cette règle de fréquence n'est pas lisible.")
    if charter.end_time <= charter.start_time:
        errors["end_time"] = _("L'heure de fin doit suivre l'heure de début.")
    if charter.place_mode == Charter.PlaceMode.FIXED and not charter.fixed_place.strip():
        errors["fixed_place"] = _("Indiquez le lieu fixe des réunions.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def charter_draft_save(
    *,
    body: Body,
    attendance: str,
    recurrence: str,
    start_time: time,
    end_time: time,
    place_mode: str,
    standing_guests: str = "",
    fixed_place: str = "",
    notice_days: int = 7,
    minutes_writer: str = "",
    minutes_review_days: int = 10,
    facilitation_mode: str = Charter.FacilitationMode.ROTATING,
    ethical_rules: str = "",
) -> Charter:
    """Write the body's next charter version. While it is not adopted it stays a draft,
    and saving again changes that draft (not while it is submitted to consent); an adopted
    version is never changed: the next save starts a new version."""
    Body.objects.select_for_update().filter(pk=body.pk).first()  # one writer at a time
    latest = Charter.objects.filter(body=body).order_by("-version").first()
    if latest is not None and not latest.is_adopted:
        _check_not_under_consent(latest)
        charter = latest
    else:
        charter = Charter(body=body, version=(latest.version + 1) if latest else 1)
    charter.attendance = attendance
    charter.standing_guests = standing_guests
    charter.recurrence = recurrence.strip().upper()
    charter.start_time = start_time
    charter.end_time = end_time
    charter.place_mode = place_mode
    charter.fixed_place = fixed_place.strip() if place_mode == Charter.PlaceMode.FIXED else ""
    charter.notice_days = notice_days
    charter.minutes_writer = minutes_writer or charter.minutes_writer
    charter.minutes_review_days = minutes_review_days
    charter.facilitation_mode = facilitation_mode
    charter.ethical_rules = ethical_rules or str(charter.ethical_rules)
    _check_charter(charter)
    charter.full_clean()
    charter.save()
    return charter


def _check_not_under_consent(charter: Charter) -> None:
    from decisions.framework_selectors import charter_pending_proposal

    if not charter.is_adopted and charter_pending_proposal(charter) is not None:
        raise ValidationError(
            _(
                "Ce projet de charte est soumis au consentement : il ne change plus tant que "
                "la proposition est en cours. Retirez-la pour le modifier."
            )
        )


# The charter's fields in the order a reader meets them, for the summary of a version.
CHARTER_SUMMARY_FIELDS = (
    "attendance",
    "standing_guests",
    "recurrence",
    "start_time",
    "end_time",
    "place_mode",
    "fixed_place",
    "notice_days",
    "minutes_writer",
    "minutes_review_days",
    "facilitation_mode",
    "ethical_rules",
)


def _charter_value(charter: Charter, name: str) -> str:
    if name == "recurrence":
        return charter.rhythm
    if name in ("start_time", "end_time"):
        return getattr(charter, name).strftime("%H:%M")
    display = getattr(charter, f"get_{name}_display", None)
    value = display() if display else getattr(charter, name)
    return str(value).strip() or "—"


def charter_changes(charter: Charter) -> str:
    """A markdown summary of the version: what changed since the previous adopted version
    (every rule for a first version). It is the text of the proposal that carries it."""
    previous = (
        Charter.objects.filter(
            body_id=charter.body_id, version__lt=charter.version, adopted_on__isnull=False
        )
        .order_by("-version")
        .first()
    )
    lines: list[str] = []
    if previous is None or previous.adopted_on is None:
        lines.append(_("Première charte de fonctionnement de l'instance."))
    else:
        lines.append(
            _("Ce qui change par rapport à la version %(version)d, adoptée le %(date)s.")
            % {"version": previous.version, "date": previous.adopted_on.strftime("%d/%m/%Y")}
        )
    for name in CHARTER_SUMMARY_FIELDS:
        label = str(getattr(Charter._meta.get_field(name), "verbose_name", name))
        now = _charter_value(charter, name)
        if previous is None:
            lines += ["", f"## {label[:1].upper()}{label[1:]}", "", now]
        elif now != _charter_value(previous, name):
            before = _charter_value(previous, name)
            lines += [
                "",
                f"## {label[:1].upper()}{label[1:]}",
                "",
                _("Avant : %(value)s") % {"value": before},
                "",
                _("Désormais : %(value)s") % {"value": now},
            ]
    if previous is not None and len(lines) == 1:
        lines += ["", _("Aucun changement de contenu.")]
    return "\n".join(lines) + "\n"


@transaction.atomic
def charter_submit(*, charter: Charter, proposer: Person) -> Proposal:
    """Carry the draft to consent (Soumettre au consentement): a consent proposal whose
    text says what the version changes. The draft is frozen while the proposal is open;
    adopted, it adopts the version (charter_adopted_by_consent); withdrawn, the draft is
    editable again."""
    from decisions.consent import proposal_create

    current = Charter.objects.select_for_update().get(pk=charter.pk)
    if current.is_adopted:
        raise ValidationError(_("Cette version est déjà adoptée : elle ne change plus."))
    _check_not_under_consent(current)
    return proposal_create(
        body=current.body,
        proposer=proposer,
        title=_("Adoption de la charte v%(version)d") % {"version": current.version},
        text=charter_changes(current),
        charter=current,
    )


def charter_adopted_by_consent(*, proposal: object, decision: object) -> Charter:
    """The charter version a consent proposal carried is adopted on the decision's date
    (called inside the adoption's transaction by decisions/receivers.py). A refusal here
    refuses the adoption: nothing is written."""
    from decisions.models import Decision, Proposal

    assert isinstance(proposal, Proposal) and isinstance(decision, Decision)
    assert proposal.charter_id is not None
    current = Charter.objects.select_for_update().get(pk=proposal.charter_id)
    if current.is_adopted:
        raise ValidationError(_("Cette version est déjà adoptée : elle ne change plus."))
    if current.body_id != proposal.body_id:
        raise ValidationError(_("Cette charte n'est pas celle de l'instance."))
    if Charter.objects.filter(body_id=current.body_id, version__gt=current.version).exists():
        raise ValidationError(_("Une version plus récente de la charte existe."))
    previous = (
        Charter.objects.filter(body_id=current.body_id, adopted_on__isnull=False)
        .aggregate(last=Max("adopted_on"))
        .get("last")
    )
    if previous is not None and decision.decided_on < previous:
        raise ValidationError(
            _("La version précédente de la charte a été adoptée après cette date.")
        )
    current.adopted_on = decision.decided_on
    current.adopted_by = decision.recorded_by
    current.adoption_note = _("Adoptée par consentement (décision %(reference)s).") % {
        "reference": decision.reference
    }
    current.save(update_fields=["adopted_on", "adopted_by", "adoption_note"])
    return current


# --- Calendar --------------------------------------------------------------------------

GENERATION_DAYS = 365


@dataclass
class GenerationReport:
    created: list[Meeting] = field(default_factory=list)
    updated: list[Meeting] = field(default_factory=list)
    removed: int = 0
    kept: list[Meeting] = field(default_factory=list)  # off the new rule but in use
    skipped: list[tuple[date, str]] = field(default_factory=list)  # holidays


def _place_of(organisation: Organisation | None) -> str:
    if organisation is None:
        return ""
    if organisation.address:
        return f"{organisation.name}, {organisation.address}"
    if organisation.kind not in (Organisation.Kind.COMMUNE, Organisation.Kind.DELEGATED_COMMUNE):
        return organisation.name
    name = organisation.name
    # French contracts "de Les Achards" into "des Achards", "de Le Girouard" into "du Girouard".
    if name.startswith("Les "):
        return _("Mairie des %(name)s") % {"name": name[4:]}
    if name.startswith("Le "):
        return _("Mairie du %(name)s") % {"name": name[3:]}
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
    from documents.models import Document

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
        from meetings.convocation import meeting_changed

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
