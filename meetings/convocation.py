"""The convocation: it freezes the agenda, invites the body's members and guests, and
e-mails each of them the agenda, the documents and a calendar invitation.

A change after the convocation (date, place, agenda) sends an update: the same UID,
the iCalendar SEQUENCE incremented, so calendars replace the event. A cancellation sends
METHOD:CANCEL. Invitations, updates and cancellations always leave at once, whatever
the person's e-mail preference: a calendar invitation must reach calendars on time.
The daily digest (command `send_daily_digest`) covers the items proposed to open
agendas, and the sections other apps register (meetings.digest); people who chose
immediate e-mails receive each proposal as it comes.

Mails leave through the task queue (meetings.tasks), enqueued inside the transaction:
with the database backend the task row is committed with the change, or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Person
from bodies.models import BodyMembership
from core.mail import send_one
from core.validators import one_line
from meetings import ics
from meetings.agenda_selectors import invited_people, recent_proposals_for
from meetings.digest import DigestPart, DigestSection, digest_sections
from meetings.mails import MailKind, tidy
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tasks import send_meeting_mail

CONVENABLE = (Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN)
# Statuses in which people hold an invitation that an update must reach.
INVITED_STATUSES = (Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)


# --- Services ------------------------------------------------------------------------


def _enqueue(
    meeting: Meeting,
    people: list[int],
    kind: MailKind,
    *,
    item: AgendaItem | None = None,
) -> None:
    if people:
        send_meeting_mail.enqueue(
            meeting_id=meeting.pk,
            person_ids=people,
            kind=kind,
            sequence=meeting.ics_sequence,
            item_id=item.pk if item is not None else None,
        )


def _invited_ids(meeting: Meeting) -> list[int]:
    return list(
        Attendance.objects.filter(meeting=meeting, person__is_active=True)
        .order_by("person__last_name", "person__first_name")
        .values_list("person_id", flat=True)
    )


@transaction.atomic
def meeting_convene(*, meeting: Meeting, actor: Person, notify: bool = True) -> Meeting:
    """Freeze the agenda (proposed items are accepted: the agenda sent is the agenda),
    invite the body's current members and guests, and e-mail them (unless `notify` is
    False, as in the demo)."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in CONVENABLE:
        raise ValidationError(_("Cette réunion ne peut plus être convoquée."))
    locked.status = Meeting.Status.CONVENED
    locked.convened_at = timezone.now()
    locked.save(update_fields=["status", "convened_at"])
    for item in locked.items.filter(status=AgendaItem.Status.PROPOSED):
        item.status = AgendaItem.Status.ACCEPTED
        item.save(update_fields=["status"])
    already = set(locked.attendances.values_list("person_id", flat=True))
    for person in invited_people(locked).exclude(pk__in=already):
        Attendance.objects.create(meeting=locked, person=person, status=Attendance.Status.INVITED)
    if notify:
        _enqueue(locked, _invited_ids(locked), "convocation")
    meeting.status, meeting.convened_at = locked.status, locked.convened_at
    return locked


@transaction.atomic
def meeting_changed(*, meeting: Meeting) -> Meeting:
    """Tell the invited people that a convened meeting changed (date, place or agenda):
    the invitation is sent again with its SEQUENCE incremented. Nothing happens before
    the convocation. Other slices call it after moving or relocating a meeting."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in INVITED_STATUSES:
        return locked
    locked.ics_sequence += 1
    locked.save(update_fields=["ics_sequence"])
    meeting.ics_sequence = locked.ics_sequence
    _enqueue(locked, _invited_ids(locked), "update")
    return locked


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Person, notify: bool = True) -> Meeting:
    """Cancel a meeting that has not been held. Those invited receive METHOD:CANCEL."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ValidationError(_("Cette réunion ne peut plus être annulée."))
    was_invited = locked.status in INVITED_STATUSES
    locked.status = Meeting.Status.CANCELLED
    locked.ics_sequence += 1
    locked.save(update_fields=["status", "ics_sequence"])
    meeting.status, meeting.ics_sequence = locked.status, locked.ics_sequence
    if notify and was_invited:
        _enqueue(locked, _invited_ids(locked), "cancel")
    return locked


def notify_item_proposed(*, item: AgendaItem) -> None:
    """E-mail a new proposal at once to the members who chose immediate e-mails; the
    others read it in their daily digest."""
    people = (
        BodyMembership.objects.current()
        .filter(
            body_id=item.meeting.body_id,
            person__is_active=True,
            person__notifications=Person.Notifications.IMMEDIATE,
        )
        .values_list("person_id", flat=True)
        .distinct()
    )
    recipients = sorted(set(people) - {item.proposed_by_id})
    _enqueue(item.meeting, recipients, "item_proposed", item=item)


# --- The daily digest ----------------------------------------------------------------


def digest_send(*, since: datetime) -> int:
    """E-mail each person who chose the daily digest the items proposed since `since`
    in the open agendas of the bodies they sit in (their own proposals aside), and what
    the sections registered by other apps have for them today (meetings.digest: the
    follow-up's reminders). A digest with only a section's part is sent too; nothing is
    sent to those with nothing new. One mail that fails to leave is logged and does not
    stop the others. Returns the number of mails sent."""
    today = timezone.localdate()
    due = [(section, section.due(today)) for section in digest_sections()]
    people = Person.objects.filter(
        is_active=True, notifications=Person.Notifications.DIGEST
    ).order_by("pk")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for person in people:
            items = list(recent_proposals_for(person, since))
            try:
                # The sections' claims and the mail together: a mail that does not leave
                # rolls its claims back, so that the next run tells the person again.
                with transaction.atomic():
                    parts = _digest_parts(person, due, today)
                    if not items and not parts:
                        continue
                    if not send_one(
                        _digest_mail(person, items, parts),
                        what=f"daily digest to person {person.pk}",
                    ):
                        raise _NotSent
            except _NotSent:
                continue
            sent += 1
    return sent


class _NotSent(Exception):
    """Rolls back the claims of a digest whose mail did not leave."""


def _digest_parts(
    person: Person, due: list[tuple[DigestSection[Any], Mapping[int, Any]]], today: date
) -> list[DigestPart]:
    parts = []
    for section, entries in due:
        entry = entries.get(person.pk)
        # Claimed before sending: a second run the same day does not repeat it.
        if entry is not None and section.claim(entry, today):
            parts.append(section.render(entry, today))
    return parts


def _digest_mail(
    person: Person, items: list[AgendaItem], parts: list[DigestPart]
) -> EmailMultiAlternatives:
    groups: dict[int, dict[str, Any]] = {}
    for item in items:
        group = groups.setdefault(
            item.meeting_id,
            {"meeting": item.meeting, "items": [], "url": ics.agenda_url(item.meeting)},
        )
        group["items"].append(item)
    summary = [part.subject for part in parts]
    if items:
        summary.insert(
            0,
            ngettext("%(n)s nouveau point proposé", "%(n)s nouveaux points proposés", len(items))
            % {"n": len(items)},
        )
    context: dict[str, Any] = {
        "person": person,
        "items": items,
        "groups": list(groups.values()),
        "parts": parts,
    }
    mail = EmailMultiAlternatives(
        subject=one_line(_("Codir : %(summary)s") % {"summary": get_text_list(summary, _("et"))}),
        body=tidy(render_to_string("meetings/emails/digest.txt", context)),
        to=[person.email],
    )
    mail.attach_alternative(render_to_string("meetings/emails/digest.html", context), "text/html")
    return mail
