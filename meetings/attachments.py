"""Documents attached to a meeting or to one of its agenda items: the lists of the upload
pages, who may attach one to an item, which arrived after the charter's notice, and the
upload itself. The documents app keeps the store (files, checks, versions) and knows no
meeting; what ties a document to a meeting is here."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from accounts.models import Person
from documents.models import Document
from documents.selectors import can_upload_to_body, latest_versions
from documents.services import document_upload
from meetings.agenda_selectors import meeting_charter, notice_deadline
from meetings.models import AgendaItem, Meeting


def documents_for_meeting(meeting: Meeting) -> QuerySet[Document]:
    """The documents of a meeting and of its agenda items, latest versions only."""
    return latest_versions(Document.objects.filter(meeting=meeting))


def documents_for_item(item: AgendaItem) -> QuerySet[Document]:
    return latest_versions(Document.objects.filter(item=item))


def late_documents(meeting: Meeting) -> list[Document]:
    """The documents (latest versions) of a meeting that were uploaded after the charter's
    notice: later than `starts_at - notice_days` (7 days without a charter)."""
    deadline = notice_deadline(meeting, meeting_charter(meeting))
    return list(documents_for_meeting(meeting).filter(uploaded_at__gt=deadline))


def can_upload_to_meeting(user: Person, meeting: Meeting) -> bool:
    """The members of the body (guests aside) and the administrators of its territory."""
    return can_upload_to_body(user, meeting.body)


def can_upload_to_item(user: Person, item: AgendaItem) -> bool:
    """The members, and the person who presents the item (a guest, often)."""
    return can_upload_to_body(user, item.meeting.body, presenter_id=item.presenter_id)


def document_attach(
    *,
    uploaded_by: Person,
    upload: UploadedFile,
    title: str = "",
    meeting: Meeting | None = None,
    item: AgendaItem | None = None,
) -> Document:
    """Share a document with a meeting or with one of its agenda items (give one): it
    belongs to the meeting's body too, and shows in the body's documents."""
    if (meeting is None) == (item is None):
        raise ValueError("Give exactly one of meeting or item.")
    if item is not None:
        meeting = item.meeting
    assert meeting is not None
    return document_upload(
        uploaded_by=uploaded_by,
        upload=upload,
        title=title,
        body=meeting.body,
        meeting_id=meeting.pk,
        item_id=item.pk if item is not None else None,
    )
