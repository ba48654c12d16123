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

import logging
import re
import smtplib
from collections.abc import Mapping
from datetime import date, datetime
from email.mime.text import MIMEText
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Person
from bodies.models import BodyMembership
from documents.models import Document
from meetings import ics
from meetings.agenda_selectors import ACTIVE_ITEM_STATUSES, invited_people, recent_proposals_for
from meetings.digest import DigestPart, DigestSection, digest_sections
from meetings.models import AgendaItem, Attendance, Meeting

logger = logging.getLogger(__name__)

MailKind = Literal["convocation", "update", "cancel", "item_proposed"]
MAIL_KINDS: tuple[str, ...] = ("convocation", "update", "cancel", "item_proposed")
CONVENABLE = (Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN)
# Statuses in which people hold an invitation that an update must reach.
INVITED_STATUSES = (Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)


# --- Links ---------------------------------------------------------------------------


def document_url(document: Document) -> str:
    return settings.SITE_URL + reverse("documents:download", args=[document.pk])


# --- Services ------------------------------------------------------------------------


def _enqueue(
    meeting: Meeting,
    people: list[int],
    kind: MailKind,
    *,
    item: AgendaItem | None = None,
) -> None:
    from meetings.tasks import send_meeting_mail

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


# --- The mails -----------------------------------------------------------------------


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _subject(template: str, context: dict[str, object]) -> str:
    return " ".join(render_to_string(template, context).split())


def _agenda_context(meeting: Meeting) -> dict[str, object]:
    items = list(
        meeting.items.filter(status__in=ACTIVE_ITEM_STATUSES)
        .select_related("presenter", "proposed_by")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.filter(next_version__isnull=True))
        )
        .order_by("position", "proposed_at", "pk")
    )
    documents = [
        (document, document_url(document))
        for document in Document.objects.filter(
            meeting=meeting, item__isnull=True, next_version__isnull=True
        ).order_by("uploaded_at", "pk")
    ]
    rows = [
        {
            "item": item,
            "documents": [(d, document_url(d)) for d in item.documents.all()],
        }
        for item in items
    ]
    return {"items": items, "rows": rows, "documents": documents}


def build_meeting_mails(
    meeting: Meeting,
    people: list[Person],
    kind: MailKind,
    *,
    sequence: int,
    item: AgendaItem | None = None,
) -> list[EmailMultiAlternatives]:
    """One mail per person (each is greeted by name), in French plain text with an HTML
    alternative and, for invitations, updates and cancellations, the calendar part."""
    with translation.override(settings.LANGUAGE_CODE):
        context: dict[str, object] = {
            "meeting": meeting,
            "body": meeting.body,
            "kind": kind,
            "url": ics.meeting_url(meeting),
            "agenda_url": ics.agenda_url(meeting),
            "item": item,
            "site_url": settings.SITE_URL,
        }
        calendar: bytes | None = None
        if kind != "item_proposed":
            context.update(_agenda_context(meeting))
            guests = set(
                BodyMembership.objects.current()
                .filter(body_id=meeting.body_id, role=BodyMembership.Role.GUEST)
                .values_list("person_id", flat=True)
            )
            calendar = ics.invitation_ics(
                meeting,
                method=ics.CANCEL if kind == "cancel" else ics.REQUEST,
                items=context["items"],  # type: ignore[arg-type]
                attendees=people,
                guests=guests,
                sequence=sequence,
            )
        mails = []
        for person in people:
            context["person"] = person
            mail = EmailMultiAlternatives(
                subject=_subject("meetings/emails/meeting_subject.txt", context),
                body=_tidy(render_to_string("meetings/emails/meeting.txt", context)),
                to=[person.email],
                reply_to=[meeting.facilitator.email] if meeting.facilitator else None,
            )
            mail.attach_alternative(
                render_to_string("meetings/emails/meeting.html", context), "text/html"
            )
            if calendar is not None:
                mail.attach(_calendar_part(calendar, kind))
            mails.append(mail)
    return mails


def _calendar_part(calendar: bytes, kind: MailKind) -> MIMEText:
    """`text/calendar; method=REQUEST` (or CANCEL): the parameter is what makes Outlook
    and Thunderbird offer to accept the invitation."""
    part = MIMEText(calendar.decode(), "calendar", "utf-8")
    part.set_param("method", ics.CANCEL if kind == "cancel" else ics.REQUEST)
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    return part


def send_meeting_mails(
    *, meeting_id: int, person_ids: list[int], kind: MailKind, sequence: int, item_id: int | None
) -> int:
    """Build and send the mails (called by the task). Returns how many were sent."""
    meeting = Meeting.objects.select_related("body", "facilitator", "host").get(pk=meeting_id)
    people = list(Person.objects.filter(pk__in=person_ids, is_active=True).order_by("pk"))
    item = None
    if item_id is not None:
        item = (
            AgendaItem.objects.select_related("proposed_by", "presenter")
            .filter(pk=item_id, meeting=meeting)
            .first()
        )
        if item is None:  # withdrawn before the mail left
            return 0
    mails = build_meeting_mails(meeting, people, kind, sequence=sequence, item=item)
    for mail in mails:
        mail.send()
    return len(mails)


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
            parts = _digest_parts(person, due, today)
            if not items and not parts:
                continue
            try:
                _digest_mail(person, items, parts).send()
            except (smtplib.SMTPException, OSError):
                logger.exception("The daily digest to person %s could not be sent.", person.pk)
                continue
            sent += 1
    return sent


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
        subject=_("Codir : %(summary)s") % {"summary": get_text_list(summary, _("et"))},
        body=_tidy(render_to_string("meetings/emails/digest.txt", context)),
        to=[person.email],
    )
    mail.attach_alternative(render_to_string("meetings/emails/digest.html", context), "text/html")
    return mail
