"""The meeting mails, built and sent by the task queue (meetings.tasks): the convocation,
its updates and cancellation with their calendar part, and the notice of a new
proposal. meetings.convocation decides when they leave."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from email.mime.text import MIMEText
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Person
from bodies.models import BodyMembership
from core.mail import Outcome, deliver
from core.validators import one_line
from documents.models import Document
from meetings import ics
from meetings.agenda_selectors import ACTIVE_ITEM_STATUSES
from meetings.models import AgendaItem, Meeting
from meetings.rsvp import reply_links

MailKind = Literal["convocation", "update", "cancel", "item_proposed"]
MAIL_KINDS: tuple[str, ...] = ("convocation", "update", "cancel", "item_proposed")


# --- Links ---------------------------------------------------------------------------


def document_url(document: Document) -> str:
    return settings.SITE_URL + reverse("documents:download", args=[document.pk])


# --- The mails -----------------------------------------------------------------------


def tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _subject(template: str, context: dict[str, object]) -> str:
    return one_line(render_to_string(template, context))


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
            # The answer links (meetings/rsvp.py), signed for this person.
            context["reply_links"] = (
                reply_links(meeting, person) if kind in ("convocation", "update") else None
            )
            mail = EmailMultiAlternatives(
                subject=_subject("meetings/emails/meeting_subject.txt", context),
                body=tidy(render_to_string("meetings/emails/meeting.txt", context)),
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


@dataclass
class Delivery:
    """What one run of the meeting mails did, by person: the task records it as its
    result, and queues again those worth a retry."""

    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)  # transient failure: try again later
    failed: list[int] = field(default_factory=list)  # permanent failure: given up
    superseded: bool = False  # a later update or cancellation replaces this mail

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _superseded(meeting: Meeting, kind: MailKind, sequence: int) -> bool:
    """A retried invitation, update or cancellation the meeting has moved past (a later
    update was sent with a higher SEQUENCE): sending it now would show stale news."""
    return kind != "item_proposed" and meeting.ics_sequence != sequence


def send_meeting_mails(
    *,
    meeting_id: int,
    person_ids: list[int],
    kind: MailKind,
    sequence: int,
    item_id: int | None,
    retrying: bool = False,
) -> Delivery:
    """Build and send the mails (called by the task): one that fails is logged and the
    others leave; the result says who received it and who is worth a retry."""
    meeting = Meeting.objects.select_related("body", "facilitator", "host").get(pk=meeting_id)
    if retrying and _superseded(meeting, kind, sequence):
        return Delivery(superseded=True)
    people = list(Person.objects.filter(pk__in=person_ids, is_active=True).order_by("pk"))
    item = None
    if item_id is not None:
        item = (
            AgendaItem.objects.select_related("proposed_by", "presenter")
            .filter(pk=item_id, meeting=meeting)
            .first()
        )
        if item is None:  # withdrawn before the mail left
            return Delivery()
    mails = build_meeting_mails(meeting, people, kind, sequence=sequence, item=item)
    delivery = Delivery()
    for person, mail in zip(people, mails, strict=True):
        outcome = deliver(mail, what=f"{kind} of meeting {meeting.pk} to person {person.pk}")
        {
            Outcome.SENT: delivery.sent,
            Outcome.TRANSIENT: delivery.retry,
            Outcome.PERMANENT: delivery.failed,
        }[outcome].append(person.pk)
    return delivery
